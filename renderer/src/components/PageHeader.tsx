import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';

/** Page title (the page's only h1) with an optional lead text and actions. */
export function PageHeader({ title, lead, actions }: { title: string; lead?: ReactNode; actions?: ReactNode }) {
  return (
    <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 2, mb: 3, flexWrap: 'wrap' }}>
      <Box sx={{ flexGrow: 1, minWidth: 280 }}>
        <Typography variant="h1" sx={{ mb: lead ? 0.75 : 0 }}>
          {title}
        </Typography>
        {lead && <Typography sx={{ color: 'text.secondary', maxWidth: 820 }}>{lead}</Typography>}
      </Box>
      {actions && <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>{actions}</Box>}
    </Box>
  );
}
