//! Offset maps: from a byte offset of a derived text back to the text it was derived from.
//!
//! Each stage that rewrites text (decoding, HTML rendering, script conversion, NFKC) records an
//! [`OffsetMap`] while it writes. Offsets outside any rewritten piece shift by a constant; an
//! offset inside a rewritten piece maps to the piece's start (for a span start) or end (for a
//! span end), so a mapped span always covers the whole source of what it covers in the output.
//! A [`SourceMap`] chains the stages, last first.
//!
//! Adjacent pieces rewritten alike (each GBK character, two bytes, written as three) are kept as
//! one run: an offset inside the run maps to the piece it falls in, as if each were an edit of
//! its own.

use ogi_model::Span;

/// A run of rewritten pieces: output `out_start..out_end` came from source `src_start..src_end`,
/// piece by piece, each `out_unit` bytes written from `src_unit` (one piece: the whole range).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Edit {
    out_start: u32,
    out_end: u32,
    src_start: u32,
    src_end: u32,
    out_unit: u32,
    src_unit: u32,
}

impl Edit {
    /// The source start of the piece holding output byte `pos` (inside the run).
    fn piece_start(&self, pos: u32) -> u32 {
        self.src_start + (pos - self.out_start) / self.out_unit * self.src_unit
    }
}

/// Maps offsets of one stage's output to offsets of its input.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct OffsetMap {
    edits: Vec<Edit>,
}

impl OffsetMap {
    /// The identity map.
    #[cfg(test)]
    pub(crate) fn identity() -> Self {
        Self::default()
    }

    /// The last edit starting at or before `pos` (by output offset).
    fn edit_before(&self, pos: u32) -> Option<&Edit> {
        let i = self.edits.partition_point(|e| e.out_start <= pos);
        i.checked_sub(1).map(|i| &self.edits[i])
    }

    /// Maps an offset that starts a span.
    pub(crate) fn start(&self, pos: u32) -> u32 {
        match self.edit_before(pos) {
            None => pos,
            // Inside the run, so its pieces are not empty.
            Some(e) if pos < e.out_end => e.piece_start(pos),
            Some(e) => pos - e.out_end + e.src_end,
        }
    }

    /// Maps an offset that ends a span.
    pub(crate) fn end(&self, pos: u32) -> u32 {
        // An end offset belongs to the byte before it.
        let i = self.edits.partition_point(|e| e.out_start < pos);
        match i.checked_sub(1).map(|i| &self.edits[i]) {
            None => pos,
            // `out_start < pos <= out_end`: the piece holding byte `pos - 1` ends the span.
            Some(e) if pos <= e.out_end => e.piece_start(pos - 1) + e.src_unit,
            Some(e) => pos - e.out_end + e.src_end,
        }
    }

    /// Maps a span.
    pub(crate) fn span(&self, span: Span) -> Span {
        if span.is_empty() {
            let p = self.start(span.start);
            return Span::new(p, p);
        }
        Span::new(self.start(span.start), self.end(span.end))
    }
}

/// Records an [`OffsetMap`] while a stage writes its output.
#[derive(Debug, Default)]
pub(crate) struct MapBuilder {
    out: u32,
    src: u32,
    edits: Vec<Edit>,
}

impl MapBuilder {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// `len` bytes were copied unchanged.
    pub(crate) fn copy(&mut self, len: usize) {
        let len = len as u32;
        self.out += len;
        self.src += len;
    }

    /// `src_len` source bytes were written as `out_len` output bytes.
    pub(crate) fn replace(&mut self, src_len: usize, out_len: usize) {
        let (src_len, out_len) = (src_len as u32, out_len as u32);
        if src_len == out_len {
            // Same length: offsets map one to one, as for a copy.
            self.copy(src_len as usize);
            return;
        }
        let (out, src) = (self.out, self.src);
        self.out += out_len;
        self.src += src_len;
        // A piece rewritten like the one just before it extends that run; adjacent pieces are
        // never merged into one (that would map a digit inside a run of rewritten characters
        // to the whole run).
        if let Some(last) = self.edits.last_mut() {
            if last.out_end == out
                && last.src_end == src
                && last.out_unit == out_len
                && last.src_unit == src_len
                && out_len > 0
            {
                last.out_end = self.out;
                last.src_end = self.src;
                return;
            }
        }
        self.edits.push(Edit {
            out_start: out,
            out_end: self.out,
            src_start: src,
            src_end: self.src,
            out_unit: out_len,
            src_unit: src_len,
        });
    }

    /// `src_len` source bytes were dropped.
    pub(crate) fn skip(&mut self, src_len: usize) {
        self.replace(src_len, 0);
    }

    pub(crate) fn finish(self) -> OffsetMap {
        OffsetMap { edits: self.edits }
    }
}

/// The chain of stage maps from the final clean text back to the original input.
#[derive(Clone, Debug, Default)]
pub(crate) struct SourceMap {
    /// Stages in the order they ran: the first maps decoded text to input bytes.
    stages: Vec<OffsetMap>,
}

impl SourceMap {
    pub(crate) fn push(&mut self, stage: OffsetMap) {
        if !stage.edits.is_empty() {
            self.stages.push(stage);
        }
    }

    /// Maps a span of the final text to the original input.
    pub(crate) fn span(&self, span: Span) -> Span {
        self.stages
            .iter()
            .rev()
            .fold(span, |s, stage| stage.span(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `ab（12）c` → `ab(12)c`: each full-width bracket (3 bytes) became 1 byte.
    fn brackets() -> OffsetMap {
        let mut b = MapBuilder::new();
        b.copy(2);
        b.replace(3, 1);
        b.copy(2);
        b.replace(3, 1);
        b.copy(1);
        b.finish()
    }

    #[test]
    fn maps_shifted_and_rewritten_offsets() {
        let m = brackets();
        // "12" is at 3..5 in the output, 5..7 in the source.
        assert_eq!(m.span(Span::new(3, 5)), Span::new(5, 7));
        // "(" at 2..3 maps to the whole full-width bracket.
        assert_eq!(m.span(Span::new(2, 3)), Span::new(2, 5));
        // "c" after both brackets.
        assert_eq!(m.span(Span::new(6, 7)), Span::new(10, 11));
        assert_eq!(m.span(Span::new(0, 7)), Span::new(0, 11));
        assert_eq!(m.span(Span::new(3, 3)), Span::new(5, 5));
    }

    #[test]
    fn chains_stages_last_first() {
        let mut decode = MapBuilder::new();
        decode.skip(3); // a BOM
        decode.copy(11);
        let mut chain = SourceMap::default();
        chain.push(decode.finish());
        chain.push(brackets());
        assert_eq!(chain.span(Span::new(3, 5)), Span::new(8, 10));
    }

    #[test]
    fn equal_length_replacements_are_copies() {
        let mut b = MapBuilder::new();
        b.replace(3, 3);
        assert_eq!(b.finish(), OffsetMap::identity());
    }

    #[test]
    fn a_run_of_like_pieces_is_one_edit_mapped_piece_by_piece() {
        // `a` and three GBK characters (2 bytes each, 3 once decoded), then `b`.
        let mut b = MapBuilder::new();
        b.copy(1);
        for _ in 0..3 {
            b.replace(2, 3);
        }
        b.copy(1);
        let m = b.finish();
        assert_eq!(m.edits.len(), 1);
        // The second character, and a byte inside it.
        assert_eq!(m.span(Span::new(4, 7)), Span::new(3, 5));
        assert_eq!(m.span(Span::new(5, 6)), Span::new(3, 5));
        // From inside the first to inside the third; then `b`.
        assert_eq!(m.span(Span::new(2, 8)), Span::new(1, 7));
        assert_eq!(m.span(Span::new(10, 11)), Span::new(7, 8));
    }

    /// The map as it was before runs: one edit per piece, searched the same way.
    fn reference(ops: &[(usize, usize)]) -> impl Fn(Span) -> Span {
        let (mut out, mut src, mut edits) = (0u32, 0u32, Vec::new());
        for &(s, o) in ops {
            let (s, o) = (s as u32, o as u32);
            if s != o {
                edits.push((out, out + o, src, src + s));
            }
            out += o;
            src += s;
        }
        move |span: Span| {
            let start = |pos: u32| {
                let i = edits.partition_point(|e| e.0 <= pos);
                match i.checked_sub(1).map(|i| edits[i]) {
                    None => pos,
                    Some(e) if pos < e.1 => e.2,
                    Some(e) => pos - e.1 + e.3,
                }
            };
            let end = |pos: u32| {
                let i = edits.partition_point(|e| e.0 < pos);
                match i.checked_sub(1).map(|i| edits[i]) {
                    None => pos,
                    Some(e) if pos <= e.1 => e.3,
                    Some(e) => pos - e.1 + e.3,
                }
            };
            if span.is_empty() {
                let p = start(span.start);
                return Span::new(p, p);
            }
            Span::new(start(span.start), end(span.end))
        }
    }

    proptest::proptest! {
        /// Runs map every span as one edit per piece would.
        #[test]
        fn runs_map_as_separate_pieces(
            ops in proptest::collection::vec((0usize..4, 0usize..4), 0..40),
            a in 0u32..200,
            b in 0u32..200,
        ) {
            let mut builder = MapBuilder::new();
            for &(s, o) in &ops {
                builder.replace(s, o);
            }
            let out_len: u32 = ops.iter().map(|&(_, o)| o as u32).sum();
            let (a, b) = (a.min(out_len), b.min(out_len));
            let span = Span::new(a.min(b), a.max(b));
            proptest::prop_assert_eq!(builder.finish().span(span), reference(&ops)(span));
        }
    }
}
