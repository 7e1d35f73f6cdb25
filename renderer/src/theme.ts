/**
 * Theme for long working days at a counter: calm government-service blue with a
 * teal accent, high contrast text, a 16px base, 44px+ hit targets and a focus
 * ring that is visible on light and dark surfaces. System fonts only: the app
 * runs offline and downloads nothing.
 */
import { enUS, idID } from '@mui/material/locale';
import { alpha, createTheme, type Theme } from '@mui/material/styles';
import type { Locale } from '../../common/ipc/models';

const FONT_STACK = [
  '"Segoe UI"',
  'system-ui',
  '-apple-system',
  'Roboto',
  '"Noto Sans"',
  '"Helvetica Neue"',
  'Arial',
  'sans-serif',
].join(', ');

/** Shared focus ring: a dark inner ring plus an amber outline (works on blue and white). */
export const FOCUS_RING = {
  outline: '3px solid #F2A900',
  outlineOffset: '2px',
  boxShadow: '0 0 0 2px #14202E',
} as const;

const TEXT = '#14202E';

const baseOptions = {
  palette: {
    mode: 'light',
    primary: { main: '#0B4F8A', dark: '#073763', light: '#3D78AE', contrastText: '#FFFFFF' },
    secondary: { main: '#00756A', dark: '#00534B', light: '#4DA198', contrastText: '#FFFFFF' },
    success: { main: '#1B7A3A', contrastText: '#FFFFFF' },
    warning: { main: '#8F5B00', contrastText: '#FFFFFF' },
    error: { main: '#B3261E', contrastText: '#FFFFFF' },
    info: { main: '#0B5CAD', contrastText: '#FFFFFF' },
    background: { default: '#F3F6F9', paper: '#FFFFFF' },
    text: { primary: TEXT, secondary: '#3F4C5A', disabled: '#6B7785' },
    divider: '#C9D2DC',
  },
  shape: { borderRadius: 8 },
  spacing: 8,
  typography: {
    fontFamily: FONT_STACK,
    htmlFontSize: 16,
    h1: { fontSize: '2rem', fontWeight: 700, lineHeight: 1.25 },
    h2: { fontSize: '1.625rem', fontWeight: 700, lineHeight: 1.3 },
    h3: { fontSize: '1.375rem', fontWeight: 600, lineHeight: 1.35 },
    h4: { fontSize: '1.25rem', fontWeight: 600, lineHeight: 1.4 },
    h5: { fontSize: '1.125rem', fontWeight: 600, lineHeight: 1.4 },
    h6: { fontSize: '1.0625rem', fontWeight: 600, lineHeight: 1.4 },
    subtitle1: { fontSize: '1.0625rem', lineHeight: 1.5 },
    subtitle2: { fontSize: '1rem', fontWeight: 600, lineHeight: 1.5 },
    body1: { fontSize: '1rem', lineHeight: 1.6 },
    body2: { fontSize: '1rem', lineHeight: 1.55 },
    button: { fontSize: '1rem', fontWeight: 600, textTransform: 'none', letterSpacing: 0 },
    caption: { fontSize: '0.875rem', lineHeight: 1.45 },
    overline: { fontSize: '0.8125rem', fontWeight: 600, letterSpacing: '0.06em' },
  },
  components: {
    MuiCssBaseline: {
      styleOverrides: {
        html: { fontSize: '100%' },
        body: { color: TEXT, WebkitFontSmoothing: 'antialiased' },
        // Text fields show focus with their 3px border (MuiOutlinedInput below), not a second ring.
        ':focus-visible:not(input):not(textarea)': FOCUS_RING,
        'input:focus-visible, textarea:focus-visible': { outline: 'none' },
        kbd: {
          fontFamily: FONT_STACK,
          fontSize: '0.875rem',
          fontWeight: 600,
          display: 'inline-block',
          minWidth: '1.75em',
          padding: '2px 8px',
          borderRadius: 6,
          border: '1px solid #9AA7B5',
          borderBottomWidth: 3,
          background: '#FFFFFF',
          color: TEXT,
          textAlign: 'center',
          lineHeight: 1.5,
        },
        '@media (prefers-reduced-motion: reduce)': {
          '*, *::before, *::after': { transitionDuration: '0.01ms !important', animationDuration: '0.01ms !important' },
        },
      },
    },
    MuiButtonBase: {
      defaultProps: { disableRipple: false },
      styleOverrides: { root: { '&.Mui-focusVisible': FOCUS_RING } },
    },
    MuiButton: {
      // The focus ring replaces the pulsating focus ripple.
      defaultProps: { disableElevation: true, disableFocusRipple: true },
      styleOverrides: {
        root: { minHeight: 44, paddingInline: 20, borderRadius: 8 },
        sizeSmall: { minHeight: 44, paddingInline: 14 },
        sizeLarge: { minHeight: 52, fontSize: '1.0625rem', paddingInline: 28 },
      },
    },
    MuiIconButton: {
      defaultProps: { disableFocusRipple: true },
      styleOverrides: { root: { minWidth: 44, minHeight: 44 } },
    },
    MuiToggleButton: {
      styleOverrides: {
        root: {
          minHeight: 44,
          minWidth: 52,
          fontWeight: 600,
          textTransform: 'none',
          fontSize: '1rem',
        },
      },
    },
    MuiListItemButton: {
      styleOverrides: {
        root: ({ theme: t }) => ({
          minHeight: 48,
          borderRadius: 8,
          '&.Mui-selected': {
            backgroundColor: alpha(t.palette.primary.main, 0.12),
            color: t.palette.primary.dark,
            fontWeight: 600,
            boxShadow: `inset 4px 0 0 ${t.palette.primary.main}`,
          },
          '&.Mui-selected:hover': { backgroundColor: alpha(t.palette.primary.main, 0.18) },
          '&.Mui-focusVisible': { ...FOCUS_RING, backgroundColor: alpha(t.palette.primary.main, 0.08) },
        }),
      },
    },
    MuiOutlinedInput: {
      styleOverrides: {
        root: ({ theme: t }) => ({
          backgroundColor: '#FFFFFF',
          '& .MuiOutlinedInput-notchedOutline': { borderColor: '#7D8A98' },
          '&.Mui-focused .MuiOutlinedInput-notchedOutline': { borderWidth: 3, borderColor: t.palette.primary.main },
        }),
        input: { fontSize: '1.0625rem' },
      },
    },
    MuiInputLabel: { styleOverrides: { root: { fontSize: '1rem' } } },
    MuiFormHelperText: { styleOverrides: { root: { fontSize: '0.875rem' } } },
    MuiTooltip: {
      defaultProps: { arrow: true, enterDelay: 400 },
      styleOverrides: { tooltip: { fontSize: '0.875rem', backgroundColor: TEXT } },
    },
    MuiAlert: {
      styleOverrides: { root: { fontSize: '1rem', alignItems: 'flex-start' }, message: { paddingTop: 9 } },
    },
    MuiDialogTitle: { styleOverrides: { root: { fontSize: '1.25rem', fontWeight: 700 } } },
    MuiChip: { styleOverrides: { root: { fontSize: '0.9375rem', fontWeight: 600 } } },
    MuiPaper: { styleOverrides: { outlined: { borderColor: '#C9D2DC' } } },
    MuiLink: { styleOverrides: { root: { '&:focus-visible': FOCUS_RING } } },
  },
} satisfies Parameters<typeof createTheme>[0];

/** The theme plus MUI's built-in component texts (e.g. Alert's close label) for the locale. */
export function createAppTheme(locale: Locale): Theme {
  return createTheme(baseOptions, locale === 'en' ? enUS : idID);
}
