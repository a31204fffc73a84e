/**
 * A plain file name for the save dialog's proposal. The page chooses it, so anything that could
 * steer the dialog elsewhere (a path, a drive, a hidden name) falls back to a neutral name.
 */
export function safeDefaultName(name: unknown): string {
  const s = typeof name === 'string' ? name.trim() : '';
  const plain = s.length <= 120 && !/[/\\:*?"<>|]/.test(s) && ![...s].some((c) => c.charCodeAt(0) < 32) && !s.startsWith('.');
  return plain && /.\.age$/.test(s) ? s : 'package.age';
}
