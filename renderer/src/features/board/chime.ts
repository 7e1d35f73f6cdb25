/**
 * A short "ding-dong" synthesised with the Web Audio API: no audio files to ship
 * and nothing to fetch. Used by the display board before each announcement and by
 * an idle counter when its queue goes from empty to non-empty.
 */
let shared: AudioContext | null = null;

/** One AudioContext for the page (browsers limit how many may exist). */
export function audioContext(): AudioContext | null {
  if (shared) return shared;
  const Ctor = window.AudioContext as typeof AudioContext | undefined;
  if (!Ctor) return null;
  try {
    shared = new Ctor();
  } catch {
    return null;
  }
  return shared;
}

export type ChimeKind = 'call' | 'alert';

const NOTES: Record<ChimeKind, readonly { freq: number; at: number; dur: number }[]> = {
  // Board: the classic two-tone airport/hospital chime (E5 → C5).
  call: [
    { freq: 659.25, at: 0, dur: 0.9 },
    { freq: 523.25, at: 0.45, dur: 1.1 },
  ],
  // Counter: three short rising tones, distinct from the hall's call chime.
  alert: [
    { freq: 587.33, at: 0, dur: 0.25 },
    { freq: 739.99, at: 0.16, dur: 0.25 },
    { freq: 880, at: 0.32, dur: 0.4 },
  ],
};

/** Plays the chime; resolves when it has finished (or at once when audio is unavailable). */
export async function playChime(kind: ChimeKind = 'call', volume = 0.35): Promise<void> {
  const ctx = audioContext();
  if (!ctx) return;
  try {
    if (ctx.state === 'suspended') await ctx.resume();
  } catch {
    return;
  }
  const start = ctx.currentTime + 0.02;
  let end = start;
  for (const n of NOTES[kind]) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = n.freq;
    const t0 = start + n.at;
    const t1 = t0 + n.dur;
    // Quick attack, exponential decay: a bell rather than a beep.
    gain.gain.setValueAtTime(0.0001, t0);
    gain.gain.exponentialRampToValueAtTime(volume, t0 + 0.015);
    gain.gain.exponentialRampToValueAtTime(0.0001, t1);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t0);
    osc.stop(t1 + 0.05);
    end = Math.max(end, t1);
  }
  const ms = Math.max(0, (end - ctx.currentTime) * 1000) + 60;
  await new Promise<void>((resolve) => window.setTimeout(resolve, ms));
}
