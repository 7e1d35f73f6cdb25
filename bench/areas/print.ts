/**
 * print: a queue ticket from layout to the printer — layout → ReceiptLine → ESC/POS bytes →
 * DLE EOT status query → raw TCP to the fake network printer on 127.0.0.1 — median of many
 * (`print.ticket_ms`, generic 58 mm, target < 50 ms; `print.ticket_escpos_ms` for escpos 80 mm) and the
 * layout → bytes step alone (`print.layout_ms`).
 */
import { ticketDocument, type TicketLayoutInput } from '../../main/printing/layouts';
import { createPrinter } from '../../main/printing/printer';
import { toPrinterBytes } from '../../main/printing/render';
import { FakePrinter } from '../../tests/support/fake-printer';
import { percentile, round, type Figures } from '../report';

const RUNS = 200;
const WARMUP = 20;

const ticket = (i: number): TicketLayoutInput => ({
  mallName: 'MPP Kota Demo',
  agencyName: 'Dinas Kependudukan dan Pencatatan Sipil',
  serviceName: 'Penerbitan Kartu Keluarga',
  ticketNumber: `A-${String(i % 1000).padStart(3, '0')}`,
  ahead: i % 50,
  issuedAt: new Date(),
  timeZone: 'Asia/Jakarta',
  statusUrl: `https://mpp.demo.go.id/antrian/01JH8Z3K4W5X6Y7Z8A9B0C${String(i).padStart(4, '0')}`,
  priorityLabel: i % 5 === 0 ? 'Lansia' : null,
});

async function timeTickets(commandSet: 'generic' | 'escpos', paperWidth: 58 | 80): Promise<number[]> {
  const fake = await FakePrinter.start();
  const printer = createPrinter({ transport: 'network', address: fake.host, port: fake.port, paperWidth, commandSet, encoding: 'cp437', cutting: true });
  try {
    const samples: number[] = [];
    for (let i = 0; i < RUNS + WARMUP; i++) {
      const t = performance.now();
      const r = await printer.printTicket(ticket(i));
      const ms = performance.now() - t;
      if (!r.ok) throw new Error(`print failed: ${r.messageEn}`);
      if (i >= WARMUP) samples.push(ms);
    }
    await fake.waitForJobs(RUNS + WARMUP, 10_000);
    return samples.sort((a, b) => a - b);
  } finally {
    await printer.close();
    await fake.close();
  }
}

function timeLayout(commandSet: 'generic' | 'escpos', paperWidth: 58 | 80): number[] {
  const samples: number[] = [];
  for (let i = 0; i < RUNS + WARMUP; i++) {
    const t = performance.now();
    const cpl = paperWidth === 58 ? 32 : 48;
    toPrinterBytes(ticketDocument(ticket(i), { cpl, encoding: 'cp437' }), { commandSet, cpl, encoding: 'cp437', cutting: true });
    if (i >= WARMUP) samples.push(performance.now() - t);
  }
  return samples.sort((a, b) => a - b);
}

export async function benchPrint(): Promise<Figures> {
  const generic = await timeTickets('generic', 58);
  const escpos = await timeTickets('escpos', 80);
  return {
    'print.ticket_ms': round(percentile(generic, 50)),
    'print.ticket_p99_ms': round(percentile(generic, 99)),
    'print.ticket_escpos_ms': round(percentile(escpos, 50)),
    'print.layout_ms': round(percentile(timeLayout('generic', 58), 50)),
  };
}
