import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import PictureAsPdfIcon from '@mui/icons-material/PictureAsPdf';
import RotateRightIcon from '@mui/icons-material/RotateRight';
import { Alert, Box, Button, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import type { DocumentView } from '../../../../common/documents/document';
import { useErrorText } from '../../hooks/useErrorText';
import { formatLongDate } from '../../i18n/format';
import { useLocale } from '../frontdesk/queue-ui';
import { formatBytes, readDocument } from './scans';

/** One attached scan: image preview (blob: URL, rotatable), or PDF metadata; SHA-256 always shown. */
export function ScanItem({ doc, onChange, onRemove, readOnly = false }: { doc: DocumentView; onChange?: (d: DocumentView) => void; onRemove?: () => void; readOnly?: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const errorText = useErrorText();
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const isImage = doc.mime !== 'application/pdf';

  useEffect(() => {
    if (!isImage) return undefined;
    let alive = true;
    let made: string | null = null;
    readDocument(doc.id)
      .then((blob) => {
        if (!alive) return;
        made = URL.createObjectURL(blob);
        setUrl(made);
      })
      .catch((e: unknown) => alive && setError(e));
    return () => {
      alive = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [doc.id, isImage]);

  const rotate = async () => {
    try {
      onChange?.(await call(api().documents.rotate({ id: doc.id, rotation: ((doc.rotation + 90) % 360) as DocumentView['rotation'] })));
    } catch (e) {
      setError(e);
    }
  };

  return (
    <Box data-testid={`scan-${doc.fileName}`} sx={{ display: 'flex', gap: 1.5, alignItems: 'flex-start', p: 1, border: 1, borderColor: 'divider', borderRadius: 2, bgcolor: '#FAFBFC' }}>
      <Box sx={{ width: 96, height: 96, flexShrink: 0, display: 'grid', placeItems: 'center', bgcolor: '#fff', border: 1, borderColor: 'divider', borderRadius: 1, overflow: 'hidden' }}>
        {isImage && url && (
          <Box
            component="img"
            src={url}
            alt={t('applications.preview')}
            data-testid="scan-preview"
            style={{ transform: `rotate(${doc.rotation}deg)` }}
            sx={{ maxWidth: 92, maxHeight: 92, transition: 'transform 120ms' }}
          />
        )}
        {!isImage && <PictureAsPdfIcon sx={{ fontSize: 48, color: '#B71C1C' }} aria-label="PDF" />}
      </Box>
      <Box sx={{ minWidth: 0, flexGrow: 1 }}>
        <Typography sx={{ fontWeight: 600, wordBreak: 'break-all' }}>{doc.fileName}</Typography>
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          {doc.mime.replace('application/', '').replace('image/', '').toUpperCase()} · {formatBytes(doc.size)} · {t('applications.retention', { date: formatLongDate(doc.retentionUntil, locale) })}
        </Typography>
        <Typography variant="body2" sx={{ fontFamily: 'monospace', fontSize: '0.75rem', wordBreak: 'break-all' }} data-testid="scan-sha256">
          {t('applications.sha256')}: {doc.sha256}
        </Typography>
        {!isImage && (
          <Typography variant="body2" sx={{ color: 'text.secondary', fontSize: '0.8125rem' }}>
            {t('applications.pdfNoPreview')}
          </Typography>
        )}
        {doc.duplicateOf && (
          <Alert severity="warning" sx={{ mt: 0.5, py: 0 }}>
            {t('applications.duplicateWarning', { where: doc.duplicateOf.registrationNumber ? t('applications.duplicateWhere', { regno: doc.duplicateOf.registrationNumber }) : '' })}
          </Alert>
        )}
        {error !== null && <Alert severity="error">{errorText(error)}</Alert>}
      </Box>
      {!readOnly && (
        <Box sx={{ display: 'flex', flexDirection: 'column', gap: 0.5 }}>
          {isImage && (
            <Button size="small" startIcon={<RotateRightIcon />} onClick={() => void rotate()} data-testid="scan-rotate">
              {t('applications.rotate')}
            </Button>
          )}
          {onRemove && (
            <Button size="small" color="error" startIcon={<DeleteIcon />} onClick={onRemove}>
              {t('applications.remove')}
            </Button>
          )}
        </Box>
      )}
    </Box>
  );
}
