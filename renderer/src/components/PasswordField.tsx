import VisibilityIcon from '@mui/icons-material/Visibility';
import VisibilityOffIcon from '@mui/icons-material/VisibilityOff';
import { IconButton, InputAdornment, TextField, Tooltip } from '@mui/material';
import { useState, type KeyboardEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  testId: string;
  autoFocus?: boolean;
  disabled?: boolean;
  error?: boolean;
  inputRef?: Ref<HTMLInputElement>;
  autoComplete?: string;
  /** Validation message shown under the field (with the Caps Lock warning, if any). */
  helperText?: string;
}

/** Password input with a show/hide toggle and a Caps Lock warning. */
export function PasswordField({ id, label, value, onChange, testId, autoFocus, disabled, error, inputRef, autoComplete, helperText }: Props) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState(false);
  const [capsLock, setCapsLock] = useState(false);
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => setCapsLock(e.getModifierState('CapsLock'));
  const toggleLabel = visible ? t('password.hide') : t('password.show');

  return (
    <TextField
      id={id}
      label={label}
      type={visible ? 'text' : 'password'}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      onKeyUp={onKey}
      onKeyDown={onKey}
      autoFocus={autoFocus}
      disabled={disabled}
      error={error}
      inputRef={inputRef}
      fullWidth
      required
      data-testid={testId}
      helperText={
        helperText || capsLock ? [helperText, capsLock ? t('password.capsLock') : null].filter(Boolean).join(' · ') : undefined
      }
      slotProps={{
        htmlInput: {
          autoComplete: autoComplete ?? 'current-password',
          spellCheck: false,
          autoCapitalize: 'off',
        },
        input: {
          endAdornment: (
            <InputAdornment position="end">
              <Tooltip title={toggleLabel}>
                <IconButton
                  aria-label={toggleLabel}
                  aria-pressed={visible}
                  aria-controls={id}
                  onClick={() => setVisible((v) => !v)}
                  onMouseDown={(e) => e.preventDefault()}
                  edge="end"
                  disabled={disabled}
                  data-testid={`${testId}-toggle`}
                >
                  {visible ? <VisibilityOffIcon /> : <VisibilityIcon />}
                </IconButton>
              </Tooltip>
            </InputAdornment>
          ),
        },
        formHelperText: capsLock && !error ? { sx: { color: 'warning.main', fontWeight: 600 } } : undefined,
      }}
    />
  );
}
