import { diffSequences } from './sequence-diff.ts';

export interface TextEdit {
  /** UTF-16 offset into the text as the edits before this one left it. */
  index: number;
  deleteCount: number;
  insert: string;
}

/** Lines of `text`, each keeping its '\n', so that they join back into `text`. */
function lines(text: string): string[] {
  return text === '' ? [] : text.split(/(?<=\n)/);
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * Small edits that turn `before` into `after`, applied in the order given: each changed run of
 * lines (a line diff), narrowed to the characters that differ and never splitting a surrogate
 * pair. Text outside the edits is left alone, so what collaborators anchored there (cursors,
 * comments) stays put.
 */
export function textEdits(before: string, after: string): TextEdit[] {
  const a = lines(before);
  const b = lines(after);
  const edits: TextEdit[] = [];
  let i = 0;
  let j = 0;
  // Offset in the text as edited so far: edits are applied first to last.
  let offset = 0;
  let removed = '';
  let added = '';
  const flush = () => {
    if (removed || added) {
      const edit = narrow(offset, removed, added);
      edits.push(edit);
      offset += added.length;
    }
    removed = added = '';
  };
  for (const kind of diffSequences(a, b)) {
    if (kind === 'removed') removed += a[i++];
    else if (kind === 'added') added += b[j++];
    else {
      flush();
      offset += a[i++]!.length;
      j++;
    }
  }
  flush();
  return edits;
}

function narrow(offset: number, removed: string, added: string): TextEdit {
  const shorter = Math.min(removed.length, added.length);
  let prefix = 0;
  while (prefix < shorter && removed[prefix] === added[prefix]) prefix++;
  if (prefix > 0 && isHighSurrogate(removed.charCodeAt(prefix - 1))) prefix--;
  let suffix = 0;
  while (suffix < shorter - prefix && removed[removed.length - 1 - suffix] === added[added.length - 1 - suffix]) suffix++;
  if (suffix > 0 && isLowSurrogate(removed.charCodeAt(removed.length - suffix))) suffix--;
  return {
    index: offset + prefix,
    deleteCount: removed.length - prefix - suffix,
    insert: added.slice(prefix, added.length - suffix),
  };
}
