// The program editor: CodeMirror 6 in Python mode, with the current line of every thread
// marked in that thread's colour while a det run is stepped, and the place a SyntaxError
// points at underlined until the program is edited.
import { EditorView, basicSetup } from 'codemirror';
import { EditorState, StateEffect, StateField, RangeSetBuilder } from '@codemirror/state';
import { Decoration, WidgetType } from '@codemirror/view';
import { python } from '@codemirror/lang-python';

const theme = EditorView.theme({
  '&': { height: '100%', fontSize: '13px', backgroundColor: '#fff' },
  '.cm-scroller': { fontFamily: '"DejaVu Sans Mono", "Noto Sans Mono CJK SC", monospace', lineHeight: '1.5' },
  '.cm-gutters': { backgroundColor: '#f6f7f9', borderRight: '1px solid #e3e5e9' },
  '.cm-thread-line': { boxShadow: 'inset 4px 0 var(--thread)', backgroundColor: 'var(--thread-bg)' },
  '.cm-thread-tags': { display: 'inline-flex', gap: '3px', marginLeft: '12px', verticalAlign: '1px' },
  '.cm-error-line': { backgroundColor: '#fdecec' },
  '.cm-error-range': { textDecoration: 'underline wavy #d93025', textDecorationSkipInk: 'none', textUnderlineOffset: '3px' },
  '.cm-thread-tag': {
    font: '11px/1.5 system-ui, sans-serif', color: '#fff', padding: '0 5px', borderRadius: '3px',
    whiteSpace: 'nowrap',
  },
});

// marks: [{ line, tid, name, color }] - replaced as a whole by each update.
const setMarks = StateEffect.define();

class TagsWidget extends WidgetType {
  constructor(marks) { super(); this.marks = marks; }
  eq(other) { return JSON.stringify(other.marks) === JSON.stringify(this.marks); }
  toDOM() {
    const box = document.createElement('span');
    box.className = 'cm-thread-tags';
    box.setAttribute('aria-hidden', 'true');
    for (const m of this.marks) {
      const tag = document.createElement('span');
      tag.className = 'cm-thread-tag';
      tag.style.background = m.color;
      tag.textContent = m.name;
      box.append(tag);
    }
    return box;
  }
  ignoreEvent() { return true; }
}

function decorationsFor(doc, marks) {
  const byLine = new Map();
  for (const m of marks) {
    if (!(m.line >= 1 && m.line <= doc.lines)) continue;
    if (!byLine.has(m.line)) byLine.set(m.line, []);
    byLine.get(m.line).push(m);
  }
  const builder = new RangeSetBuilder();
  for (const n of [...byLine.keys()].sort((a, b) => a - b)) {
    const line = doc.line(n);
    const here = byLine.get(n);
    builder.add(line.from, line.from, Decoration.line({
      class: 'cm-thread-line',
      attributes: {
        style: `--thread: ${here[0].color}; --thread-bg: ${here[0].color}22`,
        'data-threads': here.map((m) => m.tid).join(' '),
      },
    }));
    builder.add(line.to, line.to, Decoration.widget({ widget: new TagsWidget(here), side: 1 }));
  }
  return builder.finish();
}

const marksField = StateField.define({
  create: () => Decoration.none,
  update(value, tr) {
    for (const e of tr.effects) if (e.is(setMarks)) return decorationsFor(tr.state.doc, e.value);
    return tr.docChanged ? Decoration.none : value;   // an edit makes the marks stale
  },
  provide: (f) => EditorView.decorations.from(f),
});

// error: { line, col, end_col, message } (1-based code point columns) or null.
const setError = StateEffect.define();

// Columns count code points, as CPython's do; CodeMirror counts UTF-16 units.
function offsetOfColumn(text, col) {
  let units = 0;
  let points = 1;
  for (const ch of text) {
    if (points >= col) break;
    units += ch.length;
    points++;
  }
  return units;
}

function errorDecorations(doc, error) {
  if (!error || !(error.line >= 1 && error.line <= doc.lines)) return Decoration.none;
  const line = doc.line(error.line);
  const attributes = { title: error.message ?? '', 'data-error-line': String(error.line) };
  const marks = [Decoration.line({ class: 'cm-error-line', attributes }).range(line.from)];
  if (error.col > 0) {
    let from = line.from + offsetOfColumn(line.text, error.col);
    let to = line.from + offsetOfColumn(line.text, Math.max(error.end_col ?? 0, error.col + 1));
    if (from >= line.to) from = Math.max(line.from, line.to - 1);   // the caret stands past the end
    if (to <= from) to = Math.min(line.to, from + 1);
    if (to > from) marks.push(Decoration.mark({ class: 'cm-error-range', attributes }).range(from, to));
  }
  return Decoration.set(marks, true);
}

const errorField = StateField.define({
  create: () => Decoration.none,
  update(value, tr) {
    for (const e of tr.effects) if (e.is(setError)) return errorDecorations(tr.state.doc, e.value);
    return tr.docChanged ? Decoration.none : value;   // the learner is fixing it
  },
  provide: (f) => EditorView.decorations.from(f),
});

export class ProgramEditor {
  constructor(parent, onChange) {
    this.original = '';
    this.marks = '[]';
    this.view = new EditorView({
      parent,
      state: this.stateFor(''),
    });
    this.onChange = onChange;
  }

  stateFor(text) {
    return EditorState.create({
      doc: text,
      extensions: [basicSetup, python(), theme, EditorView.lineWrapping, marksField, errorField,
        EditorView.updateListener.of((u) => { if (u.docChanged) this.onChange?.(this.text()); })],
    });
  }

  // Shows `text` as the program; `original` is what "Reset to original" restores.
  load(text, original = text) {
    this.original = original;
    this.marks = '[]';
    this.view.setState(this.stateFor(text));
  }

  // Makes `original` what "Reset to original" restores, keeping the text shown.
  setOriginal(original) { this.original = original; }

  text() { return this.view.state.doc.toString(); }
  edited() { return this.text() !== this.original; }
  resetToOriginal() { this.load(this.original); this.onChange?.(this.text()); }

  // Underlines where a SyntaxError points ({ line, col, end_col, message }; null clears it)
  // and scrolls its line into view.
  markError(error) {
    const effects = [setError.of(error)];
    if (error && error.line >= 1 && error.line <= this.view.state.doc.lines) {
      effects.push(EditorView.scrollIntoView(this.view.state.doc.line(error.line).from, { y: 'nearest' }));
    }
    this.view.dispatch({ effects });
  }

  // Marks each thread's current line: [{ line, tid, name, color }] ([] clears them).
  // The first marked line is scrolled into view when `follow` is set.
  markThreads(marks, { follow = false } = {}) {
    const key = JSON.stringify(marks);
    if (key === this.marks) return;
    this.marks = key;
    const effects = [setMarks.of(marks)];
    const first = marks.find((m) => m.line >= 1 && m.line <= this.view.state.doc.lines);
    if (follow && first) effects.push(EditorView.scrollIntoView(this.view.state.doc.line(first.line).from, { y: 'nearest' }));
    this.view.dispatch({ effects });
  }
}
