/**
 * The SKM survey kiosk (`index.html#survey`): for a tablet or second screen facing the visitor
 * at the counter, so the officer never sees the answers being given. Nine elements with the
 * regulation's wording, answers 1–4 as big touch targets, optional suggestion and profile.
 * Nothing identifying is asked or stored; the screen resets itself after each answer.
 */
import { Alert, Box, Button, LinearProgress, MenuItem, Paper, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SurveyForm } from '../../../../common/ipc/channels/supervisor';
import { SKM_ELEMENTS, SKM_ELEMENT_IDS, type SkmElementId } from '../../../../common/domain/skm/elements';
import { SKM_AGE_GROUPS, SKM_EDUCATION, SKM_OCCUPATIONS, SKM_PROFILE_LABELS, SKM_SEXES, type SkmAnswer, type SkmAnswers } from '../../../../common/domain/skm/skm';
import { api, unwrap } from '../../api/client';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useUiLocale } from '../dashboard/format';

type Step = { kind: 'start' } | { kind: 'question'; index: number } | { kind: 'final' } | { kind: 'thanks' };
interface Profile {
  sex: string;
  ageGroup: string;
  education: string;
  occupation: string;
}
const EMPTY_PROFILE: Profile = { sex: '', ageGroup: '', education: '', occupation: '' };
const RESET_MS = 6000;
const ANSWER_COLORS = ['#b3261e', '#e07b00', '#2e7d32', '#1b5e20'];

export function SurveyScreen() {
  const { t } = useTranslation();
  const locale = useUiLocale();
  const [form, setForm] = useState<SurveyForm | null>(null);
  const [serviceId, setServiceId] = useState('');
  const [step, setStep] = useState<Step>({ kind: 'start' });
  const [answers, setAnswers] = useState<SkmAnswers>({});
  const [suggestion, setSuggestion] = useState('');
  const [profile, setProfile] = useState<Profile>(EMPTY_PROFILE);
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void api()
      .survey.form({})
      .then(unwrap)
      .then((f) => {
        setForm(f);
        setServiceId((s) => s || f.defaultServiceId || '');
      })
      .catch(() => setFailed(true));
  }, []);

  useEffect(() => {
    if (step.kind !== 'thanks') return;
    const timer = setTimeout(() => {
      setAnswers({});
      setSuggestion('');
      setProfile(EMPTY_PROFILE);
      setStep({ kind: 'start' });
    }, RESET_MS);
    return () => clearTimeout(timer);
  }, [step]);

  const answer = (id: SkmElementId, v: SkmAnswer | null, index: number) => {
    setAnswers((a) => {
      const next = { ...a };
      if (v === null) delete next[id];
      else next[id] = v;
      return next;
    });
    setStep(index + 1 < SKM_ELEMENT_IDS.length ? { kind: 'question', index: index + 1 } : { kind: 'final' });
  };

  const submit = async () => {
    setBusy(true);
    setFailed(false);
    try {
      const p = Object.fromEntries(Object.entries(profile).filter(([, v]) => v !== '')) as Record<string, string>;
      unwrap(
        await api().survey.submit({
          serviceId,
          answers,
          ...(suggestion.trim() ? { suggestion: suggestion.trim() } : {}),
          ...(Object.keys(p).length ? { profile: p } : {}),
        }),
      );
      setStep({ kind: 'thanks' });
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };

  const big = { minHeight: 72, fontSize: 22, fontWeight: 700, borderRadius: 3 } as const;
  const answeredAny = Object.keys(answers).length > 0;

  return (
    <Box data-testid="survey-screen" sx={{ minHeight: '100vh', bgcolor: '#f3f6fa', display: 'flex', flexDirection: 'column', alignItems: 'center', p: { xs: 2, md: 4 } }}>
      <Box sx={{ width: '100%', maxWidth: 980, display: 'flex', alignItems: 'center', mb: 2 }}>
        <Box sx={{ flexGrow: 1 }}>
          <Typography variant="h1" sx={{ fontSize: { xs: 28, md: 36 } }}>
            {t('survey.title')}
          </Typography>
          <Typography sx={{ color: 'text.secondary', fontSize: 18 }}>{form?.mallName ?? ''}</Typography>
        </Box>
        <LanguageSwitch />
      </Box>
      <Paper sx={{ width: '100%', maxWidth: 980, p: { xs: 2, md: 4 }, borderRadius: 4 }} elevation={2}>
        {failed && (
          <Alert severity="error" sx={{ mb: 2, fontSize: 18 }} data-testid="survey-error">
            {t('survey.error')}
          </Alert>
        )}
        {step.kind === 'start' && (
          <Box sx={{ display: 'flex', flexDirection: 'column', gap: 3 }}>
            <Typography sx={{ fontSize: 22 }}>{t('survey.intro')}</Typography>
            <TextField select label={t('survey.service')} value={serviceId} onChange={(e) => setServiceId(e.target.value)} data-testid="survey-service" slotProps={{ select: { MenuProps: { slotProps: { paper: { sx: { maxHeight: 480 } } } } } }} sx={{ '& .MuiInputBase-root': { fontSize: 20, minHeight: 64 } }}>
              {(form?.services ?? []).map((s) => (
                <MenuItem key={s.id} value={s.id} sx={{ fontSize: 18, minHeight: 52 }} data-testid={`survey-service-${s.id}`}>
                  {s.name} — {s.agencyName}
                </MenuItem>
              ))}
            </TextField>
            <Button variant="contained" size="large" sx={big} disabled={!serviceId} onClick={() => setStep({ kind: 'question', index: 0 })} data-testid="survey-start">
              {t('survey.start')}
            </Button>
          </Box>
        )}
        {step.kind === 'question' &&
          (() => {
            const id = SKM_ELEMENT_IDS[step.index] as SkmElementId;
            const el = SKM_ELEMENTS[id];
            return (
              <Box data-testid={`survey-question-${id}`}>
                <LinearProgress variant="determinate" value={(step.index / SKM_ELEMENT_IDS.length) * 100} sx={{ height: 10, borderRadius: 5, mb: 2 }} />
                <Typography sx={{ color: 'text.secondary', fontSize: 18 }}>
                  {t('survey.question', { n: step.index + 1, total: SKM_ELEMENT_IDS.length })} · {locale === 'en' ? el.nameEn : el.name}
                </Typography>
                <Typography sx={{ fontSize: { xs: 24, md: 28 }, fontWeight: 700, my: 2 }}>{el.question}</Typography>
                <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, gap: 2 }}>
                  {el.answers.map((label, i) => {
                    const v = (i + 1) as SkmAnswer;
                    const chosen = answers[id] === v;
                    return (
                      <Button
                        key={label}
                        variant={chosen ? 'contained' : 'outlined'}
                        onClick={() => answer(id, v, step.index)}
                        data-testid={`survey-answer-${v}`}
                        sx={{ ...big, minHeight: 96, justifyContent: 'flex-start', textAlign: 'left', borderWidth: 3, borderColor: ANSWER_COLORS[i], color: chosen ? '#fff' : ANSWER_COLORS[i], bgcolor: chosen ? ANSWER_COLORS[i] : '#fff', '&:hover': { borderWidth: 3, bgcolor: chosen ? ANSWER_COLORS[i] : '#f7f7f7' } }}
                      >
                        <Box component="span" sx={{ fontSize: 34, mr: 2, minWidth: 30 }}>
                          {v}
                        </Box>
                        {label}
                      </Button>
                    );
                  })}
                </Box>
                <Box sx={{ display: 'flex', justifyContent: 'space-between', mt: 3 }}>
                  <Button size="large" sx={{ fontSize: 18 }} onClick={() => setStep(step.index === 0 ? { kind: 'start' } : { kind: 'question', index: step.index - 1 })} data-testid="survey-back">
                    {t('survey.back')}
                  </Button>
                  <Button size="large" sx={{ fontSize: 18 }} onClick={() => answer(id, null, step.index)} data-testid="survey-skip">
                    {t('survey.skip')}
                  </Button>
                </Box>
              </Box>
            );
          })()}
        {step.kind === 'final' && (
          <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2.5 }} data-testid="survey-final">
            <TextField label={t('survey.suggestion')} value={suggestion} onChange={(e) => setSuggestion(e.target.value)} multiline minRows={3} slotProps={{ htmlInput: { maxLength: 1000 } }} data-testid="survey-suggestion" sx={{ '& textarea': { fontSize: 20 } }} />
            <Typography sx={{ fontSize: 20, fontWeight: 700 }}>{t('survey.profile')}</Typography>
            <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, gap: 2 }}>
              {(
                [
                  ['sex', SKM_SEXES, SKM_PROFILE_LABELS.sex],
                  ['ageGroup', SKM_AGE_GROUPS, SKM_PROFILE_LABELS.ageGroup],
                  ['education', SKM_EDUCATION, SKM_PROFILE_LABELS.education],
                  ['occupation', SKM_OCCUPATIONS, SKM_PROFILE_LABELS.occupation],
                ] as const
              ).map(([key, values, labels]) => (
                <TextField key={key} select label={t(`survey.${key}`)} value={profile[key]} onChange={(e) => setProfile((p) => ({ ...p, [key]: e.target.value }))} data-testid={`survey-${key}`} sx={{ '& .MuiInputBase-root': { fontSize: 18, minHeight: 56 } }}>
                  <MenuItem value="" sx={{ minHeight: 48 }}>
                    –
                  </MenuItem>
                  {values.map((v) => (
                    <MenuItem key={v} value={v} sx={{ fontSize: 18, minHeight: 48 }}>
                      {(labels as Record<string, { id: string; en: string }>)[v]?.[locale] ?? v}
                    </MenuItem>
                  ))}
                </TextField>
              ))}
            </Box>
            <Box sx={{ display: 'flex', gap: 2, justifyContent: 'space-between' }}>
              <Button size="large" sx={{ fontSize: 18 }} onClick={() => setStep({ kind: 'question', index: SKM_ELEMENT_IDS.length - 1 })}>
                {t('survey.back')}
              </Button>
              <Button variant="contained" size="large" sx={{ ...big, px: 5 }} disabled={busy || !answeredAny} onClick={() => void submit()} data-testid="survey-submit">
                {t('survey.submit')}
              </Button>
            </Box>
          </Box>
        )}
        {step.kind === 'thanks' && (
          <Box sx={{ textAlign: 'center', py: 6 }} data-testid="survey-thanks">
            <Typography sx={{ fontSize: 36, fontWeight: 800, color: 'success.main' }}>{t('survey.thanks')}</Typography>
            <Typography sx={{ fontSize: 20, mt: 1 }}>{t('survey.thanksSub')}</Typography>
          </Box>
        )}
      </Paper>
    </Box>
  );
}
