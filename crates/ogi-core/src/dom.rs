//! A compact HTML tree: html5ever builds it (this module's [`Builder`] is its tree sink) and the
//! renderer reads it.
//!
//! Every node stands in one vector and links to its parent, its siblings and its first and last
//! child by index, so that a node costs 48 bytes and no allocation of its own. A tree of
//! reference-counted nodes (`markup5ever_rcdom`) took 136 bytes a node, each allocated apart,
//! and a vector of children for every parent: a page of short paragraphs and scripts held 17
//! bytes of tree for each byte of the page. The tree keeps only what the renderer reads: an
//! element's local name and the attributes it looks at ([`KEPT_ATTRIBUTES`]), text, and, as
//! content-less nodes, comments, doctypes and processing instructions (they still part the
//! text around them, as in the page). The tree builder's own questions (an element's full name,
//! a template's contents, a MathML integration point) are answered from the handles it holds.
//!
//! The sink builds the tree html5ever's reference tree builds (`markup5ever_rcdom`): text
//! appended after a text node (or inserted after one, before a sibling) joins it, and a node
//! appended or inserted is first taken from where it stood.

use html5ever::interface::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::StrTendril;
use html5ever::{Attribute, ExpandedName, LocalName, QualName};
use std::borrow::Cow;
use std::cell::{Cell, RefCell};

/// A node's index in the tree.
pub(crate) type NodeId = u32;

/// No node (a link to nothing).
const NONE: NodeId = NodeId::MAX;

/// The most nodes a tree holds (every index below [`NONE`]). A page would need gigabytes of
/// markup to reach it (inputs are refused past 4 GiB); nodes made past it are left out of the
/// tree, and whatever is appended to them with them.
const MOST_NODES: usize = NONE as usize;

/// The attributes the renderer reads (hidden elements, page furniture, table spans): the others
/// are not kept.
pub(crate) const KEPT_ATTRIBUTES: &[&str] = &["style", "class", "id", "rowspan", "colspan"];

/// What a node is.
#[derive(Debug)]
pub(crate) enum Data {
    /// The document, or a template's contents.
    Document,
    /// An element: its local name and the attributes of [`KEPT_ATTRIBUTES`] it has.
    Element {
        /// The local name (lowercase for HTML elements).
        name: LocalName,
        /// Where its attributes stand among the tree's lists of attributes ([`NONE`]: it has
        /// none kept; most elements have none, and a node is smaller without them).
        attrs: u32,
    },
    /// Text.
    Text(StrTendril),
    /// A comment, doctype or processing instruction: nothing the renderer reads.
    Other,
}

/// A node and its links (each [`NONE`] where there is none).
#[derive(Debug)]
struct Node {
    parent: NodeId,
    prev: NodeId,
    next: NodeId,
    first: NodeId,
    last: NodeId,
    data: Data,
}

impl Node {
    /// A node standing nowhere yet.
    fn new(data: Data) -> Self {
        Self {
            parent: NONE,
            prev: NONE,
            next: NONE,
            first: NONE,
            last: NONE,
            data,
        }
    }
}

/// A page's tree, built.
#[derive(Debug)]
pub(crate) struct Tree {
    nodes: Vec<Node>,
    /// The attributes kept of the elements that have some, each element's in the order they
    /// were written.
    attrs: Vec<Vec<Attribute>>,
}

impl Tree {
    /// The document node.
    pub(crate) const DOCUMENT: NodeId = 0;

    /// What the node is (`None` for an index the tree does not hold).
    pub(crate) fn data(&self, id: NodeId) -> Option<&Data> {
        self.nodes.get(id as usize).map(|n| &n.data)
    }

    /// The attributes kept of an element (none for other nodes).
    pub(crate) fn attrs(&self, id: NodeId) -> &[Attribute] {
        match self.data(id) {
            Some(Data::Element { attrs, .. }) => {
                self.attrs.get(*attrs as usize).map_or(&[], Vec::as_slice)
            }
            _ => &[],
        }
    }

    /// The node's first child.
    pub(crate) fn first_child(&self, id: NodeId) -> Option<NodeId> {
        self.nodes
            .get(id as usize)
            .map(|n| n.first)
            .filter(|&c| c != NONE)
    }

    /// The sibling after the node.
    pub(crate) fn next_sibling(&self, id: NodeId) -> Option<NodeId> {
        self.nodes
            .get(id as usize)
            .map(|n| n.next)
            .filter(|&c| c != NONE)
    }

    /// The node's children, in order.
    pub(crate) fn children(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(self.first_child(id), |&c| self.next_sibling(c))
    }
}

/// What the tree builder holds of a node: its index, and what it asks of elements.
#[derive(Clone, Debug)]
pub(crate) struct Handle {
    /// The node's index (may be past [`MOST_NODES`]: then the tree does not hold it).
    id: usize,
    /// An element's name (empty for other nodes).
    name: QualName,
    /// A template's contents (a document node), as for `id`.
    template: Option<usize>,
    /// Whether the element is a MathML `annotation-xml` integration point.
    mathml: bool,
}

/// Builds a [`Tree`] as html5ever's tree builder directs.
#[derive(Debug)]
pub(crate) struct Builder {
    nodes: RefCell<Vec<Node>>,
    attrs: RefCell<Vec<Vec<Attribute>>>,
    /// Nodes made, including those past [`MOST_NODES`] that the tree does not hold.
    made: Cell<usize>,
}

impl Default for Builder {
    fn default() -> Self {
        Self {
            nodes: RefCell::new(vec![Node::new(Data::Document)]),
            attrs: RefCell::new(Vec::new()),
            made: Cell::new(1),
        }
    }
}

/// A node's index in the tree, if the tree holds it.
fn held(id: usize) -> Option<NodeId> {
    NodeId::try_from(id).ok().filter(|&i| i != NONE)
}

/// The handle of a node that is no element.
fn plain(id: usize) -> Handle {
    Handle {
        id,
        name: QualName::new(None, html5ever::ns!(), html5ever::local_name!("")),
        template: None,
        mathml: false,
    }
}

/// Whether the tree builder keeps an attribute (see [`KEPT_ATTRIBUTES`]).
fn kept(attr: &Attribute) -> bool {
    KEPT_ATTRIBUTES
        .iter()
        .any(|k| (*attr.name.local).eq_ignore_ascii_case(k))
}

/// Takes a node from among its parent's children (if it has a parent).
fn unlink(nodes: &mut [Node], id: NodeId) {
    let Some(node) = nodes.get_mut(id as usize) else {
        return;
    };
    let (parent, prev, next) = (node.parent, node.prev, node.next);
    (node.parent, node.prev, node.next) = (NONE, NONE, NONE);
    if parent == NONE {
        return;
    }
    match nodes.get_mut(prev as usize) {
        Some(p) => p.next = next,
        None => {
            if let Some(p) = nodes.get_mut(parent as usize) {
                p.first = next;
            }
        }
    }
    match nodes.get_mut(next as usize) {
        Some(n) => n.prev = prev,
        None => {
            if let Some(p) = nodes.get_mut(parent as usize) {
                p.last = prev;
            }
        }
    }
}

/// Makes a parentless node the last child of `parent`.
fn link_last(nodes: &mut [Node], parent: NodeId, id: NodeId) {
    let Some(last) = nodes.get(parent as usize).map(|p| p.last) else {
        return;
    };
    let Some(node) = nodes.get_mut(id as usize) else {
        return;
    };
    (node.parent, node.prev, node.next) = (parent, last, NONE);
    match nodes.get_mut(last as usize) {
        Some(l) => l.next = id,
        None => {
            if let Some(p) = nodes.get_mut(parent as usize) {
                p.first = id;
            }
        }
    }
    if let Some(p) = nodes.get_mut(parent as usize) {
        p.last = id;
    }
}

/// Makes a parentless node the sibling just before `sibling`, which has a parent.
fn link_before(nodes: &mut [Node], sibling: NodeId, id: NodeId) {
    let Some((parent, prev)) = nodes.get(sibling as usize).map(|s| (s.parent, s.prev)) else {
        return;
    };
    let Some(node) = nodes.get_mut(id as usize) else {
        return;
    };
    (node.parent, node.prev, node.next) = (parent, prev, sibling);
    if let Some(s) = nodes.get_mut(sibling as usize) {
        s.prev = id;
    }
    match nodes.get_mut(prev as usize) {
        Some(p) => p.next = id,
        None => {
            if let Some(p) = nodes.get_mut(parent as usize) {
                p.first = id;
            }
        }
    }
}

/// Joins text to a text node; whether `id` is one.
fn join_text(nodes: &mut [Node], id: NodeId, text: &str) -> bool {
    match nodes.get_mut(id as usize) {
        Some(Node {
            data: Data::Text(t),
            ..
        }) => {
            t.push_slice(text);
            true
        }
        _ => false,
    }
}

impl Builder {
    /// Adds a node standing nowhere; its index (not held past [`MOST_NODES`]).
    fn make(&self, data: Data) -> usize {
        let id = self.made.get();
        self.made.set(id + 1);
        let mut nodes = self.nodes.borrow_mut();
        if nodes.len() < MOST_NODES {
            nodes.push(Node::new(data));
        }
        id
    }

    /// Keeps an element's attributes; where they stand ([`NONE`] for none, or past as many
    /// lists as [`NONE`]).
    fn keep_attrs(&self, attrs: Vec<Attribute>) -> u32 {
        let mut all = self.attrs.borrow_mut();
        match u32::try_from(all.len()) {
            Ok(at) if at != NONE && !attrs.is_empty() => {
                all.push(attrs);
                at
            }
            _ => NONE,
        }
    }

    /// A text node or the node to append or insert, taken from where it stood.
    fn node_of(&self, child: NodeOrText<Handle>) -> Option<NodeId> {
        let id = match child {
            NodeOrText::AppendText(text) => held(self.make(Data::Text(text)))?,
            NodeOrText::AppendNode(node) => held(node.id)?,
        };
        unlink(&mut self.nodes.borrow_mut(), id);
        Some(id)
    }

    /// Whether the node has a parent.
    fn has_parent(&self, node: &Handle) -> bool {
        held(node.id)
            .and_then(|id| self.nodes.borrow().get(id as usize).map(|n| n.parent))
            .is_some_and(|p| p != NONE)
    }
}

impl TreeSink for Builder {
    type Handle = Handle;
    type Output = Tree;
    type ElemName<'a> = ExpandedName<'a>;

    fn finish(self) -> Tree {
        Tree {
            nodes: self.nodes.into_inner(),
            attrs: self.attrs.into_inner(),
        }
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> Handle {
        plain(Tree::DOCUMENT as usize)
    }

    fn elem_name<'a>(&'a self, target: &'a Handle) -> ExpandedName<'a> {
        target.name.expanded()
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> Handle {
        let attrs: Vec<Attribute> = attrs.into_iter().filter(kept).collect();
        let id = self.make(Data::Element {
            name: name.local.clone(),
            attrs: self.keep_attrs(attrs),
        });
        let template = flags.template.then(|| self.make(Data::Document));
        Handle {
            id,
            name,
            template,
            mathml: flags.mathml_annotation_xml_integration_point,
        }
    }

    fn create_comment(&self, _text: StrTendril) -> Handle {
        plain(self.make(Data::Other))
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> Handle {
        plain(self.make(Data::Other))
    }

    fn append(&self, parent: &Handle, child: NodeOrText<Handle>) {
        let Some(parent) = held(parent.id) else {
            return;
        };
        if let NodeOrText::AppendText(text) = &child {
            let mut nodes = self.nodes.borrow_mut();
            let last = nodes.get(parent as usize).map_or(NONE, |p| p.last);
            if join_text(&mut nodes, last, text) {
                return;
            }
        }
        if let Some(id) = self.node_of(child) {
            link_last(&mut self.nodes.borrow_mut(), parent, id);
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &Handle,
        prev_element: &Handle,
        child: NodeOrText<Handle>,
    ) {
        if self.has_parent(element) {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(
        &self,
        _name: StrTendril,
        _public_id: StrTendril,
        _system_id: StrTendril,
    ) {
        let doctype = plain(self.make(Data::Other));
        self.append(&self.get_document(), NodeOrText::AppendNode(doctype));
    }

    fn get_template_contents(&self, target: &Handle) -> Handle {
        // Only ever asked of a template, which has contents.
        plain(target.template.unwrap_or(usize::MAX))
    }

    fn same_node(&self, x: &Handle, y: &Handle) -> bool {
        x.id == y.id
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &Handle, new_node: NodeOrText<Handle>) {
        // The tree builder inserts only before a node that has a parent.
        if !self.has_parent(sibling) {
            return;
        }
        let Some(sibling) = held(sibling.id) else {
            return;
        };
        if let NodeOrText::AppendText(text) = &new_node {
            let mut nodes = self.nodes.borrow_mut();
            let prev = nodes.get(sibling as usize).map_or(NONE, |s| s.prev);
            if join_text(&mut nodes, prev, text) {
                return;
            }
        }
        if let Some(id) = self.node_of(new_node) {
            link_before(&mut self.nodes.borrow_mut(), sibling, id);
        }
    }

    fn add_attrs_if_missing(&self, target: &Handle, attrs: Vec<Attribute>) {
        let Some(id) = held(target.id) else {
            return;
        };
        let mut nodes = self.nodes.borrow_mut();
        let Some(Node {
            data: Data::Element { attrs: at, .. },
            ..
        }) = nodes.get_mut(id as usize)
        else {
            return;
        };
        let mut lists = self.attrs.borrow_mut();
        let have = lists.get(*at as usize).map_or(&[][..], Vec::as_slice);
        let missing: Vec<Attribute> = attrs
            .into_iter()
            .filter(|a| kept(a) && !have.iter().any(|h| h.name == a.name))
            .collect();
        if let Some(have) = lists.get_mut(*at as usize) {
            have.extend(missing);
        } else {
            drop(lists);
            *at = self.keep_attrs(missing);
        }
    }

    fn remove_from_parent(&self, target: &Handle) {
        if let Some(id) = held(target.id) {
            unlink(&mut self.nodes.borrow_mut(), id);
        }
    }

    fn reparent_children(&self, node: &Handle, new_parent: &Handle) {
        let (Some(node), Some(new_parent)) = (held(node.id), held(new_parent.id)) else {
            return;
        };
        let mut nodes = self.nodes.borrow_mut();
        while let Some(child) = nodes
            .get(node as usize)
            .map(|n| n.first)
            .filter(|&c| c != NONE)
        {
            unlink(&mut nodes, child);
            link_last(&mut nodes, new_parent, child);
        }
    }

    fn is_mathml_annotation_xml_integration_point(&self, handle: &Handle) -> bool {
        handle.mathml
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use html5ever::tendril::TendrilSink;
    use html5ever::{ParseOpts, parse_document};
    use markup5ever_rcdom::{NodeData, RcDom};

    /// The tree as nested lines: an element's name, `#text` with its text, `#other`.
    fn outline(tree: &Tree) -> Vec<String> {
        let mut out = Vec::new();
        let mut stack = vec![(Tree::DOCUMENT, 0)];
        while let Some((id, depth)) = stack.pop() {
            let line = match tree.data(id) {
                Some(Data::Document) => "#document".to_owned(),
                Some(Data::Element { name, .. }) => {
                    let attrs: Vec<String> = tree
                        .attrs(id)
                        .iter()
                        .map(|a| format!(" {}={}", a.name.local, a.value))
                        .collect();
                    format!("{name}{}", attrs.concat())
                }
                Some(Data::Text(t)) => format!("#text {t:?}"),
                Some(Data::Other) | None => "#other".to_owned(),
            };
            out.push(format!("{}{line}", "  ".repeat(depth)));
            let children: Vec<NodeId> = tree.children(id).collect();
            stack.extend(children.into_iter().rev().map(|c| (c, depth + 1)));
        }
        out
    }

    /// The reference tree as [`outline`] writes it (the attributes the tree keeps).
    fn rc_outline(src: &str) -> Vec<String> {
        let dom = parse_document(RcDom::default(), ParseOpts::default()).one(src);
        let mut out = Vec::new();
        let mut stack = vec![(dom.document.clone(), 0)];
        while let Some((node, depth)) = stack.pop() {
            let line = match &node.data {
                NodeData::Document => "#document".to_owned(),
                NodeData::Element { name, attrs, .. } => {
                    let attrs: Vec<String> = attrs
                        .borrow()
                        .iter()
                        .filter(|a| kept(a))
                        .map(|a| format!(" {}={}", a.name.local, a.value))
                        .collect();
                    format!("{}{}", name.local, attrs.concat())
                }
                NodeData::Text { contents } => format!("#text {:?}", contents.borrow()),
                _ => "#other".to_owned(),
            };
            out.push(format!("{}{line}", "  ".repeat(depth)));
            let children = node.children.borrow().clone();
            stack.extend(children.into_iter().rev().map(|c| (c, depth + 1)));
        }
        out
    }

    #[test]
    fn builds_the_reference_tree() {
        let pages = [
            "<!DOCTYPE html><html><head><title>t</title></head><body><p>a<!--c-->b</p></body></html>",
            // Foster parenting: text and elements inside a table but outside its cells.
            "<table>x<tr><td>1</td>y<td>2</td></tr>z<b>w</b></table>after",
            // The adoption agency: misnested formatting elements.
            "<p><b>1<i>2</b>3</i>4</p><b><p>5</b>6</p>",
            // Attributes of a second <body> and <html> join the first's.
            "<html lang=zh><body class=a><p>x</p><body class=b id=c style=s></body></html>",
            "<template><p>t</p></template><select><option>o</select><svg><path/><foreignObject><p>f</p></foreignObject></svg>",
            "<td rowspan=2 colspan=3 width=9>orphan cell</td><table><td>\r\n</td></table>",
        ];
        for page in pages {
            let tree = parse_document(Builder::default(), ParseOpts::default()).one(page);
            assert_eq!(outline(&tree), rc_outline(page), "{page}");
        }
    }

    #[test]
    fn builds_the_reference_tree_of_every_page_kept() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
        let mut pages = 0;
        for entry in walkdir::WalkDir::new(root).into_iter().flatten() {
            let Ok(bytes) = std::fs::read(entry.path()) else {
                continue;
            };
            let page = String::from_utf8_lossy(&bytes);
            // The pages rendered (the others are read as text).
            if !entry.file_type().is_file()
                || !crate::html::looks_like_html(&page)
                || crate::html::nests_deeper_than(&page, crate::html::MAX_DEPTH)
            {
                continue;
            }
            let tree = parse_document(Builder::default(), ParseOpts::default()).one(&*page);
            assert!(
                outline(&tree) == rc_outline(&page),
                "{}",
                entry.path().display()
            );
            pages += 1;
        }
        assert!(pages >= 5, "{pages} pages");
    }

    #[test]
    fn a_node_is_small() {
        assert!(std::mem::size_of::<Node>() <= 48);
    }
}
