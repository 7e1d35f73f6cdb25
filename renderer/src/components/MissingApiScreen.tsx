import ReportProblemIcon from '@mui/icons-material/ReportProblem';
import { Box, Paper, Typography } from '@mui/material';

/**
 * Shown when `window.loket` was not provided (the page was opened outside
 * Electron or without the dev harness). Bilingual because there are no
 * settings to read the language from.
 */
export function MissingApiScreen() {
  return (
    <Box
      role="alert"
      data-testid="missing-api"
      sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', p: 3, bgcolor: 'background.default' }}
    >
      <Paper variant="outlined" sx={{ maxWidth: 640, p: 4 }}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, mb: 2, color: 'error.main' }}>
          <ReportProblemIcon fontSize="large" aria-hidden />
          <Typography variant="h1" component="h1" sx={{ fontSize: '1.5rem' }}>
            Loket
          </Typography>
        </Box>
        <Typography variant="h2" lang="id" sx={{ fontSize: '1.25rem', mb: 1 }}>
          Aplikasi tidak dapat terhubung ke proses utama
        </Typography>
        <Typography lang="id" sx={{ mb: 3 }}>
          Penghubung aplikasi tidak tersedia. Buka Loket melalui aplikasi desktop (atau harness pengembangan), bukan
          langsung di peramban. Jika ini terjadi di komputer loket, tutup lalu buka kembali aplikasi dan hubungi admin.
        </Typography>
        <Typography variant="h2" lang="en" sx={{ fontSize: '1.25rem', mb: 1, color: 'text.secondary' }}>
          The app cannot reach its main process
        </Typography>
        <Typography lang="en" sx={{ color: 'text.secondary' }}>
          The application bridge is missing. Open Loket through the desktop application (or the development harness),
          not directly in a browser. If this happens on a counter computer, close and reopen the application and contact
          your administrator.
        </Typography>
      </Paper>
    </Box>
  );
}
