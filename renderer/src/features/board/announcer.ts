/**
 * Announces each call on the display board, one at a time and in order:
 * chime (Web Audio) → Indonesian speech (speechSynthesis with an id-ID voice) →
 * or, without such a voice, segment audio (./segment-audio.ts) → or, without clips,
 * the text shown prominently on the board (the caller of `announce` gets 'text').
 */
import { playChime } from './chime';
import { playSegments } from './segment-audio';

export type AnnounceMode = 'speech' | 'segments' | 'text';

function voicesNow(): SpeechSynthesisVoice[] {
  return 'speechSynthesis' in window ? window.speechSynthesis.getVoices() : [];
}

/** Chromium loads voices asynchronously: wait briefly for 'voiceschanged' the first time. */
async function loadVoices(timeoutMs = 1500): Promise<SpeechSynthesisVoice[]> {
  const now = voicesNow();
  if (now.length > 0 || !('speechSynthesis' in window)) return now;
  return new Promise((resolve) => {
    const done = () => {
      window.clearTimeout(timer);
      window.speechSynthesis.removeEventListener('voiceschanged', done);
      resolve(voicesNow());
    };
    const timer = window.setTimeout(done, timeoutMs);
    window.speechSynthesis.addEventListener('voiceschanged', done);
  });
}

/** The best Indonesian voice, if the system has one ('id-ID', also the legacy 'in-ID'). */
export async function indonesianVoice(): Promise<SpeechSynthesisVoice | null> {
  const voices = await loadVoices();
  const id = voices.filter((v) => /^(id|in)([-_]|$)/i.test(v.lang));
  return id.find((v) => v.localService) ?? id[0] ?? null;
}

function speak(text: string, voice: SpeechSynthesisVoice): Promise<boolean> {
  return new Promise((resolve) => {
    const u = new SpeechSynthesisUtterance(text);
    u.voice = voice;
    u.lang = voice.lang;
    u.rate = 0.85; // announcements in a hall: slower than conversation
    u.pitch = 1;
    u.volume = 1;
    const timer = window.setTimeout(() => resolve(true), 20_000);
    u.onend = () => {
      window.clearTimeout(timer);
      resolve(true);
    };
    u.onerror = () => {
      window.clearTimeout(timer);
      resolve(false);
    };
    window.speechSynthesis.speak(u);
  });
}

let chain: Promise<unknown> = Promise.resolve();

/**
 * Queues one announcement. Resolves with how it was delivered; `onStart` fires when
 * its turn comes (the board highlights the call then, in step with the sound).
 */
export function announce(text: string, opts: { sound: boolean; onStart?: () => void }): Promise<AnnounceMode> {
  const run = async (): Promise<AnnounceMode> => {
    opts.onStart?.();
    if (!opts.sound) return 'text';
    await playChime('call');
    const voice = await indonesianVoice();
    if (voice && (await speak(text, voice))) return 'speech';
    if (await playSegments(text)) return 'segments';
    return 'text';
  };
  const next = chain.then(run, run);
  chain = next.catch(() => undefined);
  return next;
}
