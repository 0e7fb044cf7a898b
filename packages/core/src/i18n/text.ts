/**
 * Text in a catalog or message file: one string for every locale, or a map of locale → string.
 */
export type LocalizedText = string | Readonly<Record<string, string>>;

/**
 * Picks the text for `locale`. A missing locale falls back to the first of `fallbacks`
 * that is present (a catalog passes its locales, default first), then to the language
 * without its region (`zh-TW` → `zh`), then to any present value, then to `''`.
 */
export function resolveText(
  text: LocalizedText | undefined,
  locale: string,
  fallbacks: readonly string[] = [],
): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  const direct = text[locale];
  if (direct !== undefined) return direct;
  const language = locale.split('-')[0];
  for (const candidate of fallbacks) {
    const value = text[candidate];
    if (value !== undefined) return value;
  }
  if (language !== undefined && text[language] !== undefined) return text[language];
  for (const value of Object.values(text)) return value;
  return '';
}
