/**
 * Camera capture of a document: a live preview from getUserMedia({ video: true }) — audio is never
 * requested (main/security/permissions.ts grants our origin video only) — and Space/Enter (or the
 * button) draws the current frame to a canvas and hands it on as a JPEG File, so it takes the same
 * upload path as the file picker (chunked IPC, sniffing, duplicates, encryption at rest).
 * The stream is stopped when the dialog closes or the component unmounts.
 */
import PhotoCameraIcon from '@mui/icons-material/PhotoCamera';
import { Alert, Box, Button, CircularProgress, Dialog, DialogActions, DialogContent, DialogTitle, Typography } from '@mui/material';
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Kbd } from '../frontdesk/queue-ui';

export type CameraErrorCode = 'no-camera' | 'denied' | 'busy' | 'unsupported' | 'failed';

/** DOMException names of getUserMedia (and their pre-standard spellings) → what the officer is told. */
export function cameraErrorCode(e: unknown): CameraErrorCode {
  const name = e instanceof Error || (typeof e === 'object' && e !== null && 'name' in e) ? String((e as { name: unknown }).name) : '';
  switch (name) {
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'no-camera';
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return 'denied';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'busy';
    default:
      return 'failed';
  }
}

const JPEG_QUALITY = 0.9;

/** The frame currently shown by `video` as JPEG bytes. */
function captureFrame(video: HTMLVideoElement): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  const ctx = canvas.getContext('2d');
  if (!ctx) return Promise.reject(new Error('No 2D canvas context'));
  ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('JPEG encoding failed'))), 'image/jpeg', JPEG_QUALITY));
}

const stamp = (d: Date): string => {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
};

export function CameraDialog(props: { open: boolean; requirementCode: string; requirementName: string; onClose: () => void; onCapture: (file: File) => void }) {
  const { t } = useTranslation();
  const { open, requirementCode, onClose, onCapture } = props;
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const capturing = useRef(false);
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<CameraErrorCode | null>(null);

  const stop = useCallback(() => {
    stream.current?.getTracks().forEach((track) => track.stop());
    stream.current = null;
    setReady(false);
  }, []);

  useEffect(() => {
    if (!open) return undefined;
    let cancelled = false;
    setError(null);
    setReady(false);
    capturing.current = false;
    if (!navigator.mediaDevices?.getUserMedia) {
      setError('unsupported');
      return undefined;
    }
    navigator.mediaDevices
      .getUserMedia({ video: true, audio: false })
      .then((s) => {
        if (cancelled) {
          s.getTracks().forEach((track) => track.stop());
          return;
        }
        stream.current = s;
        const v = video.current;
        if (v) {
          v.srcObject = s;
          void v.play().catch(() => undefined);
        }
      })
      .catch((e: unknown) => {
        if (!cancelled) setError(cameraErrorCode(e));
      });
    return () => {
      cancelled = true;
      stop();
    };
  }, [open, stop]);

  const capture = async () => {
    const v = video.current;
    if (!v || !ready || capturing.current) return;
    capturing.current = true;
    try {
      const blob = await captureFrame(v);
      const file = new File([blob], `kamera-${requirementCode.toLowerCase()}-${stamp(new Date())}.jpg`, { type: 'image/jpeg' });
      stop();
      onCapture(file);
      onClose();
    } catch {
      setError('failed');
    } finally {
      capturing.current = false;
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== ' ' && e.key !== 'Enter') return;
    if ((e.target as HTMLElement).closest('[data-camera-cancel]')) return;
    e.preventDefault();
    void capture();
  };

  return (
    <Dialog open={open} onClose={onClose} onKeyDown={onKeyDown} maxWidth="md" fullWidth data-testid="camera-dialog" data-ready={ready ? 'true' : 'false'}>
      <DialogTitle>{t('applications.camera.title', { name: props.requirementName })}</DialogTitle>
      <DialogContent>
        {error ? (
          <Alert severity="error" data-testid="camera-error" data-code={error}>
            {t(`applications.camera.error.${error}`)}
          </Alert>
        ) : (
          <Box sx={{ position: 'relative', bgcolor: '#000', borderRadius: 2, overflow: 'hidden', height: 'min(55vh, 480px)', display: 'grid', placeItems: 'center' }}>
            <video
              ref={video}
              muted
              playsInline
              autoPlay
              data-testid="camera-video"
              aria-label={t('applications.camera.preview')}
              onPlaying={() => setReady((video.current?.videoWidth ?? 0) > 0)}
              onLoadedMetadata={() => setReady((video.current?.videoWidth ?? 0) > 0)}
              style={{ position: 'absolute', inset: 0, width: '100%', height: '100%', objectFit: 'contain' }}
            />
            {!ready && <CircularProgress sx={{ position: 'absolute', color: '#fff' }} aria-label={t('applications.camera.starting')} />}
          </Box>
        )}
        <Typography variant="body2" sx={{ mt: 1, color: 'text.secondary' }} role="status" data-testid="camera-status">
          {error ? t('applications.camera.errorHint') : ready ? t('applications.camera.hint') : t('applications.camera.starting')}
        </Typography>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} data-camera-cancel data-testid="camera-cancel">
          {t('applications.camera.cancel')} <Kbd>Esc</Kbd>
        </Button>
        <Button variant="contained" startIcon={<PhotoCameraIcon />} disabled={!ready || !!error} onClick={() => void capture()} data-testid="camera-capture" autoFocus>
          {t('applications.camera.capture')} <Kbd>{t('applications.camera.spaceKey')}</Kbd>
        </Button>
      </DialogActions>
    </Dialog>
  );
}
