// Splits editor text into statements at ';' outside quotes, backticks and comments, keeping
// where each one starts and ends, so the console can find the statement under the cursor. As in
// the mysql client, a line "DELIMITER //" changes the separator (for CREATE PROCEDURE bodies).

/** [{text, start, end, delimiter}] for every non-empty statement; start/end are offsets into text. */
export function splitStatements(text) {
  const out = [];
  let start = 0;
  let i = 0;
  let delimiter = ';';
  const push = end => {
    const piece = text.slice(start, end);
    if (piece.trim() && !onlyComments(piece)) out.push({text: piece.trim(), start, end, delimiter});
  };
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    const atLineStart = text.slice(text.lastIndexOf('\n', i - 1) + 1, i).trim() === '';
    const command = atLineStart ? /^DELIMITER[ \t]+(\S+)[^\n]*/i.exec(text.slice(i)) : null;
    if (command) {
      push(i);
      delimiter = command[1];
      i += command[0].length;
      start = i;
    } else if (c === "'" || c === '"' || c === '`') {
      i = skipQuoted(text, i, c);
    } else if (c === '-' && next === '-' && (i + 2 >= text.length || /\s/.test(text[i + 2]))) {
      i = lineEnd(text, i);
    } else if (c === '#') {
      i = lineEnd(text, i);
    } else if (c === '/' && next === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 2;
    } else if (text.startsWith(delimiter, i)) {
      push(i);
      i += delimiter.length;
      start = i;
    } else {
      i++;
    }
  }
  push(text.length);
  return out;
}

/** The statement the cursor (an offset) is in, or the one just before it when it sits after a ';'. */
export function statementAt(text, offset) {
  const all = splitStatements(text);
  if (all.length === 0) return null;
  let best = all[0];
  for (const s of all) {
    if (s.start <= offset) best = s;
  }
  // a cursor on the same line just after "...;" means the statement that ended there
  const inside = all.find(s => s.start <= offset && offset <= s.end);
  const before = all.filter(s => s.end < offset).pop();
  const after = before ? text.slice(before.end, offset) : '';
  if (before && after.startsWith(before.delimiter) && after.slice(before.delimiter.length).trim() === ''
      && !after.includes('\n')) return before;
  return inside || best;
}

function skipQuoted(text, i, quote) {
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] === '\\' && quote !== '`') j++;
    else if (text[j] === quote) {
      if (text[j + 1] === quote) j++; // doubled quote inside the string
      else return j + 1;
    }
  }
  return text.length;
}

function lineEnd(text, i) {
  const nl = text.indexOf('\n', i);
  return nl < 0 ? text.length : nl + 1;
}

function onlyComments(piece) {
  return piece.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(--\s|#)[^\n]*/g, '').trim() === '';
}
