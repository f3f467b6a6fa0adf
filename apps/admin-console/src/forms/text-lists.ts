/** The non-empty lines of a textarea, trimmed: one redirect URI a line. */
export function lines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** The words of a comma- or space-separated list, e.g. roles typed as `admin, support`. */
export function words(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}
