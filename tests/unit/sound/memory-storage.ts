// A Web Storage stand-in for Node (sessionStorage exists only in a page): a reload is a new judge
// over the same storage.
import type { SoundMemoryStorage } from '../../../renderer/state/paid-sound';

export function memoryStorage(): SoundMemoryStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
  };
}
