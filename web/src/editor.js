// The program editor: CodeMirror 6 in Python mode.
import { EditorView, basicSetup } from 'codemirror';
import { EditorState } from '@codemirror/state';
import { python } from '@codemirror/lang-python';

const theme = EditorView.theme({
  '&': { height: '100%', fontSize: '13px', backgroundColor: '#fff' },
  '.cm-scroller': { fontFamily: '"DejaVu Sans Mono", "Noto Sans Mono CJK SC", monospace', lineHeight: '1.5' },
  '.cm-gutters': { backgroundColor: '#f6f7f9', borderRight: '1px solid #e3e5e9' },
});

export class ProgramEditor {
  constructor(parent, onChange) {
    this.original = '';
    this.view = new EditorView({
      parent,
      state: this.stateFor(''),
    });
    this.onChange = onChange;
  }

  stateFor(text) {
    return EditorState.create({
      doc: text,
      extensions: [basicSetup, python(), theme, EditorView.lineWrapping,
        EditorView.updateListener.of((u) => { if (u.docChanged) this.onChange?.(this.text()); })],
    });
  }

  // Shows `text` as the program; `original` is what "Reset to original" restores.
  load(text, original = text) {
    this.original = original;
    this.view.setState(this.stateFor(text));
  }

  text() { return this.view.state.doc.toString(); }
  edited() { return this.text() !== this.original; }
  resetToOriginal() { this.load(this.original); this.onChange?.(this.text()); }
}
