import { Box, Button, Paper, Typography } from '@mui/material';
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  error: Error | null;
}

/**
 * Last line of defence. The message is in both languages on purpose: i18n
 * itself may be what failed.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('[renderer] unhandled UI error', error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <Box
        role="alert"
        data-testid="error-boundary"
        sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', p: 3, bgcolor: 'background.default' }}
      >
        <Paper variant="outlined" sx={{ maxWidth: 640, p: 4 }}>
          <Typography variant="h1" component="h1" lang="id" sx={{ fontSize: '1.5rem', mb: 1 }}>
            Terjadi kesalahan pada tampilan aplikasi
          </Typography>
          <Typography lang="id" sx={{ mb: 2 }}>
            Data Anda yang sudah tersimpan tidak hilang. Muat ulang tampilan untuk melanjutkan. Jika masalah
            berulang, hubungi admin.
          </Typography>
          <Typography variant="h2" lang="en" sx={{ fontSize: '1.25rem', mb: 1, color: 'text.secondary' }}>
            Something went wrong in the application screen
          </Typography>
          <Typography lang="en" sx={{ mb: 3, color: 'text.secondary' }}>
            Your saved data is not lost. Reload the screen to continue. If it happens again, contact your
            administrator.
          </Typography>
          <Box
            component="pre"
            sx={{ p: 1.5, mb: 3, bgcolor: '#F1F3F5', borderRadius: 1, overflow: 'auto', fontSize: '0.875rem', maxHeight: 160 }}
          >
            {error.message}
          </Box>
          <Button variant="contained" onClick={() => window.location.reload()}>
            Muat ulang / Reload
          </Button>
        </Paper>
      </Box>
    );
  }
}
