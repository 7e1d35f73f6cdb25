/**
 * Handlers of the supervisor and survey channels (common/ipc/channels/supervisor.ts).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { supervisorChannels, ExportInput } from '../../common/ipc/channels/supervisor';
import { LoketError } from '../../common/ipc/result';
import type { Handlers } from '../ipc/dispatch';
import type { SurveyService } from '../survey/survey';
import type { SupervisorDashboard } from './dashboard';
import { buildCsv, buildPdf, buildXlsx } from './export';

type SupervisorChannel = keyof typeof supervisorChannels;
export type SupervisorHandlers = Pick<Handlers, SupervisorChannel>;

export interface SupervisorHandlerDeps {
  dashboard: SupervisorDashboard;
  survey: SurveyService;
  officer: () => Promise<{ id: string; name: string } | null>;
  locale: () => Promise<'id' | 'en'>;
  /**
   * Where to write an export: Electron asks with a save dialog (null = cancelled); the harness
   * and tests write into a folder of the installation.
   */
  chooseSavePath: (suggestedName: string) => Promise<string | null>;
}

export const exportFileName = (input: Pick<ExportInput, 'from' | 'to' | 'format'>): string =>
  `laporan-layanan-${input.from === input.to ? input.from : `${input.from}_${input.to}`}.${input.format}`;

/** Builds the report file's bytes (also used by the benchmark). */
export async function renderExport(deps: Pick<SupervisorHandlerDeps, 'dashboard' | 'survey'>, input: ExportInput, locale: 'id' | 'en'): Promise<Buffer> {
  const scope = input.scope ?? {};
  const [dash, skm] = await Promise.all([deps.dashboard.dashboard({ from: input.from, to: input.to, scope }), deps.survey.report(input.from, input.to)]);
  if (input.format === 'csv') return Buffer.from(buildCsv(dash, skm, locale), 'utf8');
  if (input.format === 'xlsx') return buildXlsx(dash, skm, locale);
  return buildPdf(dash, skm, locale);
}

export function createSupervisorHandlers(d: SupervisorHandlerDeps): SupervisorHandlers {
  return {
    'supervisor.dashboard': (input) => d.dashboard.dashboard(input),
    'supervisor.signOff': async ({ day, note }) => {
      const officer = await d.officer();
      if (!officer) throw new LoketError('UNAUTHENTICATED', 'Silakan masuk terlebih dahulu.', 'Please sign in first.');
      return d.dashboard.signOff(day, officer, note?.trim() ? note.trim() : null);
    },
    'supervisor.export': async (input) => {
      const bytes = await renderExport(d, input, input.locale ?? (await d.locale()));
      const target = await d.chooseSavePath(exportFileName(input));
      if (!target) return { saved: false, path: null, bytes: bytes.length };
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(target, bytes);
      return { saved: true, path: target, bytes: bytes.length };
    },
    'supervisor.skm': ({ from, to }) => d.survey.report(from, to),
    'survey.form': () => d.survey.form(),
    'survey.submit': (input) => d.survey.submit(input),
  };
}
