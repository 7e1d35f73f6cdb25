/**
 * Fallback announcement from recorded word clips ("segment audio"), for TVs whose
 * system has no Indonesian speech voice.
 *
 * The announcement text ("Nomor antrian A, nol, satu, tujuh, silakan menuju loket tiga")
 * is split into lower-case words; each word is played from
 * `renderer/public/audio/id/<word>.wav` (served as `./audio/id/<word>.wav`), back to back
 * through Web Audio. The vocabulary is small and fixed (common/domain/queue/announcement-words.ts):
 * nomor, antrian, silakan, menuju, loket, the letters a…z (by their Indonesian names),
 * nol…sembilan, sepuluh, sebelas, belas, puluh, seratus, ratus.
 *
 * The clips are committed, recorded with espeak-ng's Indonesian voice by
 * scripts/make-segment-audio.mjs (a mall may replace them with its own recordings, same
 * names). If any clip of an announcement is missing (or cannot be decoded) nothing is played
 * and `playSegments` resolves false: the board then shows the announcement text prominently.
 */
import { segmentWords } from '../../../../common/domain/queue/announcement-words';
import { audioContext } from './chime';

export { segmentWords };
export const SEGMENT_BASE_URL = './audio/id/';

const clips = new Map<string, Promise<AudioBuffer | null>>();

function loadClip(ctx: AudioContext, word: string): Promise<AudioBuffer | null> {
  let pending = clips.get(word);
  if (!pending) {
    pending = fetch(`${SEGMENT_BASE_URL}${encodeURIComponent(word)}.wav`)
      .then(async (res) => (res.ok ? ctx.decodeAudioData(await res.arrayBuffer()) : null))
      .catch(() => null);
    clips.set(word, pending);
  }
  return pending;
}

/** Plays the announcement from word clips; false (and silent) when any clip is missing. */
export async function playSegments(text: string): Promise<boolean> {
  const ctx = audioContext();
  const words = segmentWords(text);
  if (!ctx || words.length === 0) return false;
  const buffers = await Promise.all(words.map((w) => loadClip(ctx, w)));
  if (buffers.some((b) => b === null)) return false;
  if (ctx.state === 'suspended') {
    try {
      await ctx.resume();
    } catch {
      return false;
    }
  }
  let at = ctx.currentTime + 0.05;
  for (const buffer of buffers as AudioBuffer[]) {
    const src = ctx.createBufferSource();
    src.buffer = buffer;
    src.connect(ctx.destination);
    src.start(at);
    at += buffer.duration + 0.04; // a breath between words
  }
  await new Promise<void>((resolve) => window.setTimeout(resolve, Math.max(0, (at - ctx.currentTime) * 1000)));
  return true;
}
