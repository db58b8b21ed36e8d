import { pinyin } from 'pinyin-pro';

/**
 * Search key for a product or member name: the lower-case pinyin initials of the Chinese
 * characters, other letters and digits kept (可口可乐 500ml -> kkkl500ml), so a cashier
 * typing `kl` finds 可乐. pinyin-pro picks the right reading for common polyphones.
 */
export function pinyinInitials(name: string): string {
  const letters = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' });
  return letters.join('').toLowerCase().replace(/[^a-z0-9]/g, '');
}
