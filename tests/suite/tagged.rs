//! Tagged PDF (PDF/UA-1): every PDF diapo writes is read back with lopdf and its structure
//! walked: the catalogue's keys, one `Sect` per slide, headings in order with no skipped level,
//! figures with alt text, lists made of items, every MCID of the pages in the tree and in the
//! parent tree, and no painting operator outside a marked-content sequence. Then poppler
//! (`pdfinfo`) and the `pdfua` checker (PyPI) read them too; without them those two checks print
//! a note and are skipped, unless `DIAPO_REQUIRE_BROWSER=1` (CI): then they fail.

use crate::pdf::{build, handouts};
use crate::support::program;
use lopdf::content::Content;
use lopdf::{Document, Object, ObjectId};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The seed outline (a deck pasted from a word processor).
const OUTLINE: &str = "tests/fixtures/office/sensibilisation-outline.md";
const DECKS: [&str; 4] = [
    "decks/sensibilisation",
    OUTLINE,
    "tests/fixtures/valid/layouts",
    // Diagram placeholders (figures) and their sources in the notes handout (code).
    "tests/fixtures/valid/diagrams",
];

/// `slides.pdf` and the three handouts of a deck, built into `dir`.
fn build_all(deck: &str, dir: &Path) -> Vec<PathBuf> {
    build(deck, dir, &["--format", "pdf,handout"]);
    let mut files = vec![dir.join("slides.pdf"), dir.join("handout.pdf")];
    files.extend(
        handouts(deck, dir, &["3up", "leaflet"])
            .into_iter()
            .map(|(_, pdf)| pdf),
    );
    files
}

/// One structure element as read back.
#[derive(Debug)]
struct Elem {
    kind: String,
    alt: Option<String>,
    kids: Vec<String>,
}

/// What the structure tree holds, in document order.
struct Tree {
    elems: Vec<Elem>,
    /// (page object, MCID) -> the element holding it.
    mcids: BTreeMap<(ObjectId, i64), ObjectId>,
}

fn name(o: &Object) -> String {
    o.as_name()
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .unwrap_or_default()
}

fn text(o: &Object) -> String {
    let bytes = o.as_str().unwrap_or_default();
    if let Some(utf16) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = utf16
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    }
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(id) => doc.get_object(*id).expect("a live reference"),
        other => other,
    }
}

fn walk(doc: &Document, id: ObjectId, tree: &mut Tree) {
    let dict = doc.get_dictionary(id).expect("a structure element");
    let kind = name(dict.get(b"S").expect("/S"));
    let alt = dict.get(b"Alt").ok().map(text);
    let kids: Vec<&Object> = match dict.get(b"K") {
        Ok(Object::Array(a)) => a.iter().collect(),
        Ok(one) => vec![one],
        Err(_) => Vec::new(),
    };
    let element_page = dict.get(b"Pg").and_then(Object::as_reference).ok();
    let index = tree.elems.len();
    tree.elems.push(Elem {
        kind,
        alt,
        kids: Vec::new(),
    });
    for kid in kids {
        match kid {
            Object::Reference(child) => {
                let kind = name(
                    doc.get_dictionary(*child)
                        .expect("a kid")
                        .get(b"S")
                        .expect("/S"),
                );
                tree.elems[index].kids.push(kind);
                walk(doc, *child, tree);
            }
            Object::Dictionary(d) if d.get(b"Type").map(name).ok().as_deref() == Some("MCR") => {
                let page = d.get(b"Pg").and_then(Object::as_reference).expect("/Pg");
                let mcid = d.get(b"MCID").and_then(Object::as_i64).expect("/MCID");
                let before = tree.mcids.insert((page, mcid), id);
                assert!(before.is_none(), "MCID {mcid} is in two elements");
                tree.elems[index].kids.push("MCR".into());
            }
            Object::Dictionary(d) if d.get(b"Type").map(name).ok().as_deref() == Some("OBJR") => {
                tree.elems[index].kids.push("OBJR".into());
            }
            Object::Integer(mcid) => {
                let page = element_page.expect("a bare MCID needs the element's /Pg");
                let before = tree.mcids.insert((page, *mcid), id);
                assert!(before.is_none(), "MCID {mcid} is in two elements");
                tree.elems[index].kids.push("MCR".into());
            }
            other => panic!("unexpected kid {other:?}"),
        }
    }
}

/// Reads the tree and checks the document-level keys PDF/UA asks for.
fn read(path: &Path) -> (Document, Tree) {
    let doc = Document::load(path).expect("a PDF lopdf reads");
    let catalog = doc.catalog().expect("a catalogue");
    let marked = catalog
        .get(b"MarkInfo")
        .map(|m| deref(&doc, m))
        .and_then(Object::as_dict)
        .and_then(|m| m.get(b"Marked"))
        .and_then(Object::as_bool);
    assert_eq!(marked.ok(), Some(true), "{}: /MarkInfo", path.display());
    assert!(
        !text(catalog.get(b"Lang").expect("/Lang")).is_empty(),
        "{}: /Lang",
        path.display()
    );
    let prefs = deref(&doc, catalog.get(b"ViewerPreferences").expect("prefs"))
        .as_dict()
        .expect("a dictionary");
    assert_eq!(
        prefs.get(b"DisplayDocTitle").and_then(Object::as_bool).ok(),
        Some(true)
    );
    let metadata = catalog
        .get(b"Metadata")
        .and_then(Object::as_reference)
        .expect("/Metadata");
    let xmp = doc
        .get_object(metadata)
        .and_then(Object::as_stream)
        .expect("an XMP stream");
    let xmp = String::from_utf8_lossy(&xmp.content);
    for needle in [
        "<pdfuaid:part>1</pdfuaid:part>",
        "<dc:title>",
        "<dc:creator>",
        "<dc:language>",
    ] {
        assert!(
            xmp.contains(needle),
            "{}: XMP has no {needle}",
            path.display()
        );
    }

    let root = catalog
        .get(b"StructTreeRoot")
        .and_then(Object::as_reference)
        .expect("/StructTreeRoot");
    let root = doc.get_dictionary(root).expect("the tree root");
    let document = root
        .get(b"K")
        .and_then(Object::as_reference)
        .expect("one Document");
    let mut tree = Tree {
        elems: Vec::new(),
        mcids: BTreeMap::new(),
    };
    walk(&doc, document, &mut tree);
    assert_eq!(tree.elems[0].kind, "Document");

    // Every MCID of the tree is found back through the parent tree, at its element.
    let parent_tree = root
        .get(b"ParentTree")
        .and_then(Object::as_reference)
        .and_then(|id| doc.get_dictionary(id))
        .expect("/ParentTree");
    let nums = parent_tree
        .get(b"Nums")
        .and_then(Object::as_array)
        .expect("/Nums");
    let parents: BTreeMap<i64, &Object> = nums
        .chunks_exact(2)
        .map(|pair| (pair[0].as_i64().expect("a key"), &pair[1]))
        .collect();
    let next = root
        .get(b"ParentTreeNextKey")
        .and_then(Object::as_i64)
        .expect("/ParentTreeNextKey");
    assert!(parents.keys().all(|&k| k < next));
    let pages = doc.get_pages();
    for (&number, &page) in &pages {
        let dict = doc.get_dictionary(page).expect("a page");
        let key = dict
            .get(b"StructParents")
            .and_then(Object::as_i64)
            .unwrap_or_else(|_| panic!("{}: page {number} has no /StructParents", path.display()));
        let held: Vec<ObjectId> = match parents.get(&key).map(|o| deref(&doc, o)) {
            Some(Object::Array(a)) => a.iter().filter_map(|o| o.as_reference().ok()).collect(),
            _ => Vec::new(),
        };
        let in_tree: Vec<(i64, ObjectId)> = tree
            .mcids
            .iter()
            .filter(|((p, _), _)| *p == page)
            .map(|((_, m), e)| (*m, *e))
            .collect();
        assert_eq!(
            held.len(),
            in_tree.len(),
            "{}: page {number}",
            path.display()
        );
        for (mcid, elem) in in_tree {
            assert_eq!(
                held.get(mcid as usize),
                Some(&elem),
                "page {number} MCID {mcid}"
            );
        }
        // Annotations: in the tree, described, tabbed in structure order.
        if let Ok(annots) = dict.get(b"Annots").and_then(Object::as_array) {
            if !annots.is_empty() {
                assert_eq!(dict.get(b"Tabs").map(name).ok().as_deref(), Some("S"));
            }
            for a in annots {
                let a = deref(&doc, a).as_dict().expect("an annotation");
                let key = a
                    .get(b"StructParent")
                    .and_then(Object::as_i64)
                    .expect("/StructParent");
                assert!(parents.contains_key(&key));
                assert!(!text(a.get(b"Contents").expect("/Contents")).is_empty());
            }
        }
        // Every painting operator is inside a marked-content sequence, and the page's MCIDs
        // are the tree's.
        let content = Content::decode(&doc.get_page_content(page)).expect("a content stream");
        let mut depth = 0usize;
        let mut mcids = BTreeSet::new();
        for op in &content.operations {
            match op.operator.as_str() {
                "BDC" => {
                    depth += 1;
                    if let Some(Object::Dictionary(d)) = op.operands.get(1) {
                        if let Ok(m) = d.get(b"MCID").and_then(Object::as_i64) {
                            mcids.insert(m);
                        }
                    }
                }
                "BMC" => depth += 1,
                "EMC" => depth = depth.checked_sub(1).expect("EMC without BDC"),
                "Tj" | "TJ" | "'" | "\"" | "f" | "F" | "f*" | "S" | "s" | "B" | "B*" | "b"
                | "b*" | "Do" | "sh" => assert!(
                    depth > 0,
                    "{}: page {number} paints with {} outside marked content",
                    path.display(),
                    op.operator
                ),
                _ => {}
            }
        }
        assert_eq!(depth, 0, "unbalanced marked content");
        let expected: BTreeSet<i64> = tree
            .mcids
            .keys()
            .filter(|(p, _)| *p == page)
            .map(|(_, m)| *m)
            .collect();
        assert_eq!(mcids, expected, "{}: page {number} MCIDs", path.display());
    }
    (doc, tree)
}

fn page_count(doc: &Document) -> usize {
    doc.get_pages().len()
}

/// The structure's general rules, for every PDF.
fn check_tree(path: &Path, tree: &Tree) {
    let mut previous = 0;
    for elem in &tree.elems {
        if let Some(level) = elem
            .kind
            .strip_prefix('H')
            .and_then(|l| l.parse::<usize>().ok())
        {
            assert!(
                level <= previous + 1,
                "{}: H{level} after H{previous} skips a level",
                path.display()
            );
            previous = level;
        }
        match elem.kind.as_str() {
            "Figure" => assert!(
                elem.alt.as_deref().is_some_and(|a| !a.trim().is_empty()),
                "{}: a figure without alt text",
                path.display()
            ),
            "L" => assert!(
                !elem.kids.is_empty() && elem.kids.iter().all(|k| k == "LI"),
                "{}: a list holds {:?}",
                path.display(),
                elem.kids
            ),
            "LI" => assert!(
                elem.kids.iter().all(|k| k == "Lbl" || k == "LBody"),
                "{}: a list item holds {:?}",
                path.display(),
                elem.kids
            ),
            "TR" => assert!(elem.kids.iter().all(|k| k == "TH" || k == "TD")),
            "Link" => assert_eq!(elem.kids, ["OBJR"], "{}", path.display()),
            _ => {}
        }
    }
    assert!(
        tree.elems.iter().any(|e| e.kind == "H1"),
        "{}: no H1",
        path.display()
    );
}

#[test]
fn every_pdf_is_tagged_with_a_structure_a_reader_can_walk() {
    for deck in DECKS {
        let dir = tempfile::tempdir().expect("temp dir");
        let files = build_all(deck, dir.path());
        for (n, file) in files.iter().enumerate() {
            let (doc, tree) = read(file);
            check_tree(file, &tree);
            if n == 0 {
                // slides.pdf: the document is one section per slide.
                let sections: Vec<&Elem> = tree.elems.iter().filter(|e| e.kind == "Sect").collect();
                assert_eq!(
                    sections.len(),
                    page_count(&doc),
                    "{deck}: one Sect per slide"
                );
                assert_eq!(
                    tree.elems[0].kids.iter().filter(|k| *k == "Sect").count(),
                    page_count(&doc)
                );
            }
        }
    }
}

#[test]
fn slides_read_as_the_deck() {
    let dir = tempfile::tempdir().expect("temp dir");
    build("decks/sensibilisation", dir.path(), &["--format", "pdf"]);
    let (_, tree) = read(&dir.path().join("slides.pdf"));
    let kinds: Vec<&str> = tree.elems.iter().map(|e| e.kind.as_str()).collect();
    // The cover's title, then slides' titles below it; parts and their slides below those.
    assert_eq!(kinds.iter().filter(|k| **k == "H1").count(), 1);
    assert!(kinds.contains(&"H2") && kinds.contains(&"H3"));
    for kind in ["L", "LI", "LBody", "P", "BlockQuote", "Link"] {
        assert!(kinds.contains(&kind), "no {kind} in slides.pdf");
    }
}

#[test]
fn handout_thumbnails_are_figures_described_by_their_slide() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (mode, pdf) in handouts("decks/sensibilisation", dir.path(), &["notes", "3up"]) {
        let (_, tree) = read(&pdf);
        let alts: Vec<&str> = tree
            .elems
            .iter()
            .filter(|e| e.kind == "Figure")
            .filter_map(|e| e.alt.as_deref())
            .collect();
        assert!(alts.len() >= 20, "{mode}: {} figures", alts.len());
        assert_eq!(alts[0], "Diapositive 1 : Sensibilisation Cloud Pi Native");
        assert!(alts[1].starts_with("Diapositive 2 : Pourquoi me parle-t-on"));
        // Inside a figure, text is not read again: figures hold only the drawing.
        let sections = tree.elems.iter().filter(|e| e.kind == "Sect").count();
        assert_eq!(sections, alts.len(), "{mode}: one section per slide");
    }
}

#[test]
fn poppler_sees_tagged_pdfs_that_read_like_the_deck() {
    let Some(pdfinfo) = program("pdfinfo", "apt-get install poppler-utils") else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let files = build_all("decks/sensibilisation", dir.path());
    for file in &files {
        let out = Command::new(&pdfinfo).arg(file).output().expect("pdfinfo");
        let info = String::from_utf8_lossy(&out.stdout);
        assert!(
            info.lines()
                .any(|l| l.starts_with("Tagged:") && l.ends_with("yes")),
            "{}: {info}",
            file.display()
        );
    }
    let out = Command::new(&pdfinfo)
        .arg("-struct-text")
        .arg(&files[0])
        .output()
        .expect("pdfinfo -struct-text");
    let tree = String::from_utf8_lossy(&out.stdout);
    let at = |needle: &str| {
        tree.find(needle)
            .unwrap_or_else(|| panic!("{needle:?} is not in the structure:\n{tree}"))
    };
    // Titles in the deck's order, each under its heading.
    let order = [
        "H1 (block)\n      \"Sensibilisation Cloud Pi Native\"",
        "\"Pourquoi me parle-t-on de",
        "\"Objectifs de la session\"",
        "\"Format et destinataires\"",
        "\"Un nouveau monde numérique\"",
    ];
    let positions: Vec<usize> = order.iter().map(|n| at(n)).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    // The footer and the slide counter are decoration, not read.
    assert!(!tree.contains("\"2 / 28\""));

    // In the handouts, a slide drawn small is a figure that holds no text: its description is
    // read, not the slide's text again (which a form XObject drawn inside it would give).
    for file in &files[1..3] {
        let out = Command::new(&pdfinfo)
            .arg("-struct-text")
            .arg(file)
            .output()
            .expect("pdfinfo -struct-text");
        let tree = String::from_utf8_lossy(&out.stdout);
        let mut figures = 0;
        let mut lines = tree.lines().peekable();
        while let Some(line) = lines.next() {
            if line.trim() != "Figure:" {
                continue;
            }
            figures += 1;
            let depth = line.len() - line.trim_start().len();
            while let Some(next) = lines.next_if(|l| l.len() - l.trim_start().len() > depth) {
                let next = next.trim();
                // Its box, its drawing (no text), the slide's links.
                let allowed = ["/BBox", "Link (inline)", "Object "];
                assert!(
                    next == "\"\"" || allowed.iter().any(|a| next.starts_with(a)),
                    "{}: a figure reads {next}",
                    file.display()
                );
            }
        }
        assert!(figures >= 20, "{}: {figures} figures", file.display());
    }
}

#[test]
fn the_pdfua_checker_passes_clean() {
    let Some(pdfua) = program(
        "pdfua",
        "pip install pdfua (--break-system-packages if pip refuses)",
    ) else {
        return;
    };
    for deck in DECKS {
        let dir = tempfile::tempdir().expect("temp dir");
        for file in build_all(deck, dir.path()) {
            let out = Command::new(&pdfua)
                .args(["check", "--format", "json"])
                .arg(&file)
                .output()
                .expect("run pdfua");
            assert!(
                out.status.success(),
                "{deck}: pdfua finds problems in {}:\n{}",
                file.display(),
                String::from_utf8_lossy(&out.stdout)
            );
        }
    }
}

#[test]
fn tables_numbered_lists_code_and_quotes_are_tagged_as_such() {
    let deck = crate::support::Deck::markdown(
        "---\ntitle: Essai\nlang: fr\n---\n\n# Essai\n\n## Un tableau\n\n\
         | Outil | Usage |\n| --- | --- |\n| Git | Versions |\n| CI | Tests |\n\n\
         ## Étapes\n\n1. Planifier\n2. Livrer\n   - vite\n   - souvent\n\n\
         ## Du code\n\n```rust\nfn main() {}\n```\n\n> Une citation.\n",
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let path = deck.path().to_str().expect("a UTF-8 path");
    build(path, dir.path(), &["--format", "pdf"]);
    let file = dir.path().join("slides.pdf");
    let (_, tree) = read(&file);
    check_tree(&file, &tree);
    let find =
        |kind: &str| -> Vec<&Elem> { tree.elems.iter().filter(|e| e.kind == kind).collect() };
    let table = find("Table");
    assert_eq!(table.len(), 1);
    assert!(table[0].kids.iter().all(|k| k == "TR"));
    assert_eq!(find("TR").len(), 3, "a header row and two rows");
    assert_eq!(find("TH").len(), 2);
    assert_eq!(find("TD").len(), 4);
    // The numbered list: labels and bodies, and the nested list inside the second body.
    assert_eq!(find("Lbl").len(), 2);
    assert!(find("LBody")
        .iter()
        .any(|b| b.kids.contains(&"L".to_string())));
    assert_eq!(find("Code").len(), 1);
    assert_eq!(find("BlockQuote").len(), 1);
}
