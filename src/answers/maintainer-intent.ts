/**
 * "Who maintains btrfs?" / "Wer betreut ext4?": questions the knowledge base should not guess at but
 * hand to /maintainers. Returns what the question asks about, or null.
 */
const PATTERNS: RegExp[] = [
  /\bwho\s+(?:maintains|looks\s+after|is\s+maintaining)\s+(.+)$/i,
  /\bwho\s+(?:is|are)\s+(?:the\s+)?maintainers?\s+(?:of|for)\s+(.+)$/i,
  /^(?:the\s+)?maintainers?\s+(?:of|for)\s+(.+)$/i,
  /\bwer\s+(?:betreut|pflegt|wartet|maintaint)\s+(.+)$/i,
  /\bwer\s+(?:ist|sind)\s+(?:der\s+|die\s+)?maintainer(?:in|innen)?\s+(?:von|für)\s+(.+)$/i,
  /\bwer\s+ist\s+für\s+(.+?)\s+zuständig$/i,
];

const LEADING = /^(?:the|den|die|das|dem|der)\s+/i;
const TRAILING = /\s+(?:subsystem|driver|drivers|code|file\s*system|filesystem|dateisystem|treiber|im\s+kernel|in\s+the\s+kernel|in\s+linux)$/i;

export function maintainerQuestionSubject(question: string): string | null {
  const text = question.trim().replace(/[?!.\s]+$/, '');
  for (const pattern of PATTERNS) {
    const match = pattern.exec(text);
    if (!match) continue;
    const subject = match[1]!.replace(LEADING, '').replace(TRAILING, '').trim();
    if (subject && subject.length <= 100) return subject;
  }
  return null;
}
