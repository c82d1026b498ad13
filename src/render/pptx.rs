//! The editable deck as PowerPoint (Office Open XML, PresentationML): one slide master drawn
//! from the theme and the brand (background, top rule, bloc-marque, logo, footer and slide number
//! placeholders), five layouts (cover, section, title and content, two columns, title only),
//! and one slide per slide with its title and body in the layout's placeholders, its other parts
//! in text boxes, its notes in a notes slide. Parts are written in the order ECMA-376 lists them,
//! with the relationships and content types it requires, so that PowerPoint opens the file
//! without offering to repair it.

use super::office::{
    emu, srgb, Align, Bullet, Font, Kind, Link, OfficeDeck, OfficeSlide, Para, Picture, Role, Run,
    Shape, TableFrame, TextFrame, WriteError, Xml,
};
use crate::color::Rgb;

const NS_A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
const NS_R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_P: &str = "http://schemas.openxmlformats.org/presentationml/2006/main";
const NS_RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const CT_PML: &str = "application/vnd.openxmlformats-officedocument.presentationml";

/// The slide number field's identifier: any GUID, fixed so that the bytes are.
const SLIDE_NUMBER_FIELD: &str = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}";

/// The theme's colour slots as the masters map them: the usual, identity mapping.
const COLOUR_MAP: [(&str, &str); 12] = [
    ("bg1", "lt1"),
    ("tx1", "dk1"),
    ("bg2", "lt2"),
    ("tx2", "dk2"),
    ("accent1", "accent1"),
    ("accent2", "accent2"),
    ("accent3", "accent3"),
    ("accent4", "accent4"),
    ("accent5", "accent5"),
    ("accent6", "accent6"),
    ("hlink", "hlink"),
    ("folHlink", "folHlink"),
];

/// The layouts, in the master's order (`slideLayoutN.xml`).
const LAYOUTS: [(&str, &str); 5] = [
    ("title", "Titre"),
    ("secHead", "Section"),
    ("obj", "Titre et contenu"),
    ("twoObj", "Deux colonnes"),
    ("titleOnly", "Titre seul"),
];

/// The PPTX file of a deck.
pub fn write_pptx(deck: &OfficeDeck) -> Result<Vec<u8>, WriteError> {
    let mut pkg = super::office::Package::new();
    let n = deck.slides.len();
    pkg.add("[Content_Types].xml", &content_types(deck)?)?;
    pkg.add("_rels/.rels", &root_rels()?)?;
    pkg.add("docProps/core.xml", &core(deck)?)?;
    pkg.add("docProps/app.xml", &app(deck)?)?;
    pkg.add("ppt/presentation.xml", &presentation(deck)?)?;
    pkg.add("ppt/_rels/presentation.xml.rels", &presentation_rels(n)?)?;
    pkg.add("ppt/presProps.xml", &simple("p:presentationPr")?)?;
    pkg.add("ppt/viewProps.xml", &view_props()?)?;
    pkg.add("ppt/tableStyles.xml", &table_styles()?)?;
    pkg.add("ppt/theme/theme1.xml", &theme(deck, "diapo")?)?;
    pkg.add("ppt/theme/theme2.xml", &theme(deck, "diapo notes")?)?;
    let (master, master_rels) = slide_master(deck)?;
    pkg.add("ppt/slideMasters/slideMaster1.xml", &master)?;
    pkg.add("ppt/slideMasters/_rels/slideMaster1.xml.rels", &master_rels)?;
    for i in 0..LAYOUTS.len() {
        let (xml, rels) = layout(deck, i)?;
        pkg.add(&format!("ppt/slideLayouts/slideLayout{}.xml", i + 1), &xml)?;
        pkg.add(
            &format!("ppt/slideLayouts/_rels/slideLayout{}.xml.rels", i + 1),
            &rels,
        )?;
    }
    pkg.add("ppt/notesMasters/notesMaster1.xml", &notes_master(deck)?)?;
    pkg.add(
        "ppt/notesMasters/_rels/notesMaster1.xml.rels",
        &rels(&[(
            "rId1",
            &format!("{REL}/theme"),
            "../theme/theme2.xml",
            false,
        )])?,
    )?;
    for (i, slide) in deck.slides.iter().enumerate() {
        let (xml, slide_rels) = slide_part(deck, slide, i)?;
        pkg.add(&format!("ppt/slides/slide{}.xml", i + 1), &xml)?;
        pkg.add(
            &format!("ppt/slides/_rels/slide{}.xml.rels", i + 1),
            &slide_rels,
        )?;
        pkg.add(
            &format!("ppt/notesSlides/notesSlide{}.xml", i + 1),
            &notes_slide(deck, slide)?,
        )?;
        pkg.add(
            &format!("ppt/notesSlides/_rels/notesSlide{}.xml.rels", i + 1),
            &rels(&[
                (
                    "rId1",
                    &format!("{REL}/notesMaster"),
                    "../notesMasters/notesMaster1.xml",
                    false,
                ),
                (
                    "rId2",
                    &format!("{REL}/slide"),
                    &format!("../slides/slide{}.xml", i + 1),
                    false,
                ),
            ])?,
        )?;
    }
    for m in &deck.media {
        pkg.add_stored(&format!("ppt/media/{}", m.name), &m.bytes)?;
    }
    Ok(pkg.finish()?)
}

fn content_types(deck: &OfficeDeck) -> std::io::Result<Vec<u8>> {
    let mut x = Xml::new();
    x.open(
        "Types",
        &[(
            "xmlns",
            "http://schemas.openxmlformats.org/package/2006/content-types",
        )],
    );
    x.leaf(
        "Default",
        &[
            ("Extension", "rels"),
            (
                "ContentType",
                "application/vnd.openxmlformats-package.relationships+xml",
            ),
        ],
    );
    x.leaf(
        "Default",
        &[("Extension", "xml"), ("ContentType", "application/xml")],
    );
    x.leaf(
        "Default",
        &[("Extension", "png"), ("ContentType", "image/png")],
    );
    x.leaf(
        "Default",
        &[("Extension", "jpg"), ("ContentType", "image/jpeg")],
    );
    let mut part = |name: String, ty: String| {
        x.leaf("Override", &[("PartName", &name), ("ContentType", &ty)]);
    };
    part(
        "/ppt/presentation.xml".into(),
        format!("{CT_PML}.presentation.main+xml"),
    );
    part(
        "/ppt/slideMasters/slideMaster1.xml".into(),
        format!("{CT_PML}.slideMaster+xml"),
    );
    for i in 0..LAYOUTS.len() {
        part(
            format!("/ppt/slideLayouts/slideLayout{}.xml", i + 1),
            format!("{CT_PML}.slideLayout+xml"),
        );
    }
    for i in 0..deck.slides.len() {
        part(
            format!("/ppt/slides/slide{}.xml", i + 1),
            format!("{CT_PML}.slide+xml"),
        );
        part(
            format!("/ppt/notesSlides/notesSlide{}.xml", i + 1),
            format!("{CT_PML}.notesSlide+xml"),
        );
    }
    part(
        "/ppt/notesMasters/notesMaster1.xml".into(),
        format!("{CT_PML}.notesMaster+xml"),
    );
    for t in ["theme1", "theme2"] {
        part(
            format!("/ppt/theme/{t}.xml"),
            "application/vnd.openxmlformats-officedocument.theme+xml".into(),
        );
    }
    part(
        "/ppt/presProps.xml".into(),
        format!("{CT_PML}.presProps+xml"),
    );
    part(
        "/ppt/viewProps.xml".into(),
        format!("{CT_PML}.viewProps+xml"),
    );
    part(
        "/ppt/tableStyles.xml".into(),
        format!("{CT_PML}.tableStyles+xml"),
    );
    part(
        "/docProps/core.xml".into(),
        "application/vnd.openxmlformats-package.core-properties+xml".into(),
    );
    part(
        "/docProps/app.xml".into(),
        "application/vnd.openxmlformats-officedocument.extended-properties+xml".into(),
    );
    x.finish()
}

/// A relationships part: `(id, type, target, external)`.
fn rels(list: &[(&str, &str, &str, bool)]) -> std::io::Result<Vec<u8>> {
    let mut x = Xml::new();
    x.open("Relationships", &[("xmlns", NS_RELS)]);
    for (id, ty, target, external) in list {
        let mut attrs = vec![("Id", *id), ("Type", *ty), ("Target", *target)];
        if *external {
            attrs.push(("TargetMode", "External"));
        }
        x.leaf("Relationship", &attrs);
    }
    x.finish()
}

/// The relationships of one part, numbered as they are added.
#[derive(Default)]
struct Rels {
    list: Vec<(String, String, String, bool)>,
}

impl Rels {
    fn add(&mut self, ty: &str, target: &str, external: bool) -> String {
        if let Some((id, ..)) = self
            .list
            .iter()
            .find(|(_, t, g, e)| t.ends_with(ty) && g == target && *e == external)
        {
            return id.clone();
        }
        let id = format!("rId{}", self.list.len() + 1);
        self.list.push((
            id.clone(),
            format!("{REL}/{ty}"),
            target.to_string(),
            external,
        ));
        id
    }

    fn write(&self) -> std::io::Result<Vec<u8>> {
        let list: Vec<(&str, &str, &str, bool)> = self
            .list
            .iter()
            .map(|(a, b, c, d)| (a.as_str(), b.as_str(), c.as_str(), *d))
            .collect();
        rels(&list)
    }
}

fn root_rels() -> std::io::Result<Vec<u8>> {
    rels(&[
        (
            "rId1",
            &format!("{REL}/officeDocument"),
            "ppt/presentation.xml",
            false,
        ),
        (
            "rId2",
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
            "docProps/core.xml",
            false,
        ),
        (
            "rId3",
            &format!("{REL}/extended-properties"),
            "docProps/app.xml",
            false,
        ),
    ])
}

fn core(deck: &OfficeDeck) -> std::io::Result<Vec<u8>> {
    let mut x = Xml::new();
    x.open(
        "cp:coreProperties",
        &[
            (
                "xmlns:cp",
                "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
            ),
            ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
            ("xmlns:dcterms", "http://purl.org/dc/terms/"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        ],
    );
    x.element("dc:title", &[], &deck.title);
    x.element("dc:subject", &[], &deck.subject);
    x.element("dc:creator", &[], &deck.author);
    x.element("dc:language", &[], deck.lang);
    x.element(
        "dcterms:created",
        &[("xsi:type", "dcterms:W3CDTF")],
        &deck.created,
    );
    x.element(
        "dcterms:modified",
        &[("xsi:type", "dcterms:W3CDTF")],
        &deck.created,
    );
    x.finish()
}

fn app(deck: &OfficeDeck) -> std::io::Result<Vec<u8>> {
    let mut x = Xml::new();
    x.open(
        "Properties",
        &[(
            "xmlns",
            "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
        )],
    );
    x.element("Application", &[], "diapo");
    x.element("Slides", &[], &deck.slides.len().to_string());
    x.element("Notes", &[], &deck.slides.len().to_string());
    x.finish()
}

fn simple(root: &str) -> std::io::Result<Vec<u8>> {
    let mut x = Xml::new();
    x.leaf(
        root,
        &[("xmlns:a", NS_A), ("xmlns:r", NS_R), ("xmlns:p", NS_P)],
    );
    x.finish()
}

fn view_props() -> std::io::Result<Vec<u8>> {
    let mut x = Xml::new();
    x.open(
        "p:viewPr",
        &[("xmlns:a", NS_A), ("xmlns:r", NS_R), ("xmlns:p", NS_P)],
    );
    x.open("p:normalViewPr", &[]);
    x.leaf("p:restoredLeft", &[("sz", "15620")]);
    x.leaf("p:restoredTop", &[("sz", "80000")]);
    x.close();
    x.leaf("p:gridSpacing", &[("cx", "72008"), ("cy", "72008")]);
    x.finish()
}

fn table_styles() -> std::io::Result<Vec<u8>> {
    let mut x = Xml::new();
    x.leaf(
        "a:tblStyleLst",
        &[
            ("xmlns:a", NS_A),
            ("def", "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"),
        ],
    );
    x.finish()
}

fn presentation(deck: &OfficeDeck) -> std::io::Result<Vec<u8>> {
    let mut x = Xml::new();
    x.open(
        "p:presentation",
        &[
            ("xmlns:a", NS_A),
            ("xmlns:r", NS_R),
            ("xmlns:p", NS_P),
            ("saveSubsetFonts", "1"),
        ],
    );
    x.open("p:sldMasterIdLst", &[]);
    x.leaf("p:sldMasterId", &[("id", "2147483648"), ("r:id", "rId1")]);
    x.close();
    x.open("p:notesMasterIdLst", &[]);
    x.leaf("p:notesMasterId", &[("r:id", "rId2")]);
    x.close();
    x.open("p:sldIdLst", &[]);
    for i in 0..deck.slides.len() {
        x.leaf(
            "p:sldId",
            &[
                ("id", &(256 + i).to_string()),
                ("r:id", &format!("rId{}", SLIDE_REL_BASE + i)),
            ],
        );
    }
    x.close();
    x.leaf(
        "p:sldSz",
        &[("cx", &emu(deck.width)), ("cy", &emu(deck.height))],
    );
    x.leaf("p:notesSz", &[("cx", "6858000"), ("cy", "9144000")]);
    x.open("p:defaultTextStyle", &[]);
    x.open("a:defPPr", &[]);
    x.leaf("a:defRPr", &[("lang", deck.lang)]);
    x.close();
    x.close();
    x.finish()
}

/// `rIdN` of the first slide in the presentation's relationships (after the master, the notes
/// master, the theme and the three property parts).
const SLIDE_REL_BASE: usize = 7;

fn presentation_rels(slides: usize) -> std::io::Result<Vec<u8>> {
    let mut list: Vec<(String, String, String)> = vec![
        (
            "rId1".into(),
            format!("{REL}/slideMaster"),
            "slideMasters/slideMaster1.xml".into(),
        ),
        (
            "rId2".into(),
            format!("{REL}/notesMaster"),
            "notesMasters/notesMaster1.xml".into(),
        ),
        (
            "rId3".into(),
            format!("{REL}/theme"),
            "theme/theme1.xml".into(),
        ),
        (
            "rId4".into(),
            format!("{REL}/presProps"),
            "presProps.xml".into(),
        ),
        (
            "rId5".into(),
            format!("{REL}/viewProps"),
            "viewProps.xml".into(),
        ),
        (
            "rId6".into(),
            format!("{REL}/tableStyles"),
            "tableStyles.xml".into(),
        ),
    ];
    for i in 0..slides {
        list.push((
            format!("rId{}", SLIDE_REL_BASE + i),
            format!("{REL}/slide"),
            format!("slides/slide{}.xml", i + 1),
        ));
    }
    let refs: Vec<(&str, &str, &str, bool)> = list
        .iter()
        .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str(), false))
        .collect();
    rels(&refs)
}

/// The theme part: the deck's colours as the colour scheme, its fonts as the font scheme, and the
/// plainest format scheme the schema accepts.
fn theme(deck: &OfficeDeck, name: &str) -> std::io::Result<Vec<u8>> {
    let c = &deck.colours;
    let mut x = Xml::new();
    x.open("a:theme", &[("xmlns:a", NS_A), ("name", name)]);
    x.open("a:themeElements", &[]);
    x.open("a:clrScheme", &[("name", "diapo")]);
    for (slot, colour) in [
        ("a:dk1", c.text),
        ("a:lt1", c.background),
        ("a:dk2", c.primary),
        ("a:lt2", c.surface),
        ("a:accent1", c.primary),
        ("a:accent2", c.accent),
        ("a:accent3", c.muted),
        ("a:accent4", c.surface),
        ("a:accent5", c.text),
        ("a:accent6", c.on_primary),
        // Applications draw a link in the scheme's link colour, whatever its run says: the
        // text's colour, as the PDF draws links.
        ("a:hlink", c.text),
        ("a:folHlink", c.text),
    ] {
        x.open(slot, &[]);
        x.leaf("a:srgbClr", &[("val", &srgb(colour))]);
        x.close();
    }
    x.close();
    x.open("a:fontScheme", &[("name", "diapo")]);
    for (slot, font) in [("a:majorFont", Font::Heading), ("a:minorFont", Font::Body)] {
        x.open(slot, &[]);
        x.leaf("a:latin", &[("typeface", deck.font_name(font))]);
        x.leaf("a:ea", &[("typeface", "")]);
        x.leaf("a:cs", &[("typeface", "")]);
        x.close();
    }
    x.close();
    x.open("a:fmtScheme", &[("name", "diapo")]);
    x.open("a:fillStyleLst", &[]);
    for _ in 0..3 {
        placeholder_fill(&mut x);
    }
    x.close();
    x.open("a:lnStyleLst", &[]);
    for w in ["6350", "12700", "19050"] {
        x.open("a:ln", &[("w", w)]);
        placeholder_fill(&mut x);
        x.close();
    }
    x.close();
    x.open("a:effectStyleLst", &[]);
    for _ in 0..3 {
        x.open("a:effectStyle", &[]);
        x.leaf("a:effectLst", &[]);
        x.close();
    }
    x.close();
    x.open("a:bgFillStyleLst", &[]);
    for _ in 0..3 {
        placeholder_fill(&mut x);
    }
    x.close();
    x.close();
    x.close();
    x.leaf("a:objectDefaults", &[]);
    x.leaf("a:extraClrSchemeLst", &[]);
    x.finish()
}

fn placeholder_fill(x: &mut Xml) {
    x.open("a:solidFill", &[]);
    x.leaf("a:schemeClr", &[("val", "phClr")]);
    x.close();
}

fn solid(x: &mut Xml, c: Rgb) {
    x.open("a:solidFill", &[]);
    x.leaf("a:srgbClr", &[("val", &srgb(c))]);
    x.close();
}

fn tree_start(x: &mut Xml) {
    x.open("p:spTree", &[]);
    x.open("p:nvGrpSpPr", &[]);
    x.leaf("p:cNvPr", &[("id", "1"), ("name", "")]);
    x.leaf("p:cNvGrpSpPr", &[]);
    x.leaf("p:nvPr", &[]);
    x.close();
    x.open("p:grpSpPr", &[]);
    x.open("a:xfrm", &[]);
    x.leaf("a:off", &[("x", "0"), ("y", "0")]);
    x.leaf("a:ext", &[("cx", "0"), ("cy", "0")]);
    x.leaf("a:chOff", &[("x", "0"), ("y", "0")]);
    x.leaf("a:chExt", &[("cx", "0"), ("cy", "0")]);
    x.close();
    x.close();
}

fn background(x: &mut Xml, c: Rgb) {
    x.open("p:bg", &[]);
    x.open("p:bgPr", &[]);
    solid(x, c);
    x.leaf("a:effectLst", &[]);
    x.close();
    x.close();
}

/// Where a fixed-height line's baseline falls in its box differs a little from the PDF's
/// (measured with pdftotext on LibreOffice's export: 0.09 em for every size): frames move down by
/// as much.
const BASELINE_NUDGE_EM: f32 = 0.09;

fn nudged(rect: super::office::Rect, size: f32) -> super::office::Rect {
    super::office::Rect {
        y: rect.y + BASELINE_NUDGE_EM * size,
        ..rect
    }
}

fn xfrm(x: &mut Xml, r: super::office::Rect) {
    x.open("a:xfrm", &[]);
    x.leaf("a:off", &[("x", &emu(r.x)), ("y", &emu(r.y))]);
    x.leaf(
        "a:ext",
        &[("cx", &emu(r.w.max(0.0))), ("cy", &emu(r.h.max(0.0)))],
    );
    x.close();
}

/// What shapes are written with: the part's relationships, the deck, the next shape id.
struct Ctx<'a> {
    deck: &'a OfficeDeck,
    rels: Rels,
    next_id: u32,
    /// `../media/` from the part's folder.
    media_prefix: &'static str,
}

impl Ctx<'_> {
    fn id(&mut self) -> String {
        self.next_id += 1;
        self.next_id.to_string()
    }
}

/// A placeholder of the master or a layout: its kind, index and the text the application shows
/// until it is filled.
fn placeholder(
    x: &mut Xml,
    ctx: &mut Ctx<'_>,
    ty: Option<&str>,
    idx: Option<&str>,
    rect: super::office::Rect,
    prompt: &[Para],
) {
    let id = ctx.id();
    x.open("p:sp", &[]);
    x.open("p:nvSpPr", &[]);
    x.leaf(
        "p:cNvPr",
        &[
            ("id", &id),
            ("name", &format!("{} {id}", ty.unwrap_or("body"))),
        ],
    );
    placeholder_kind(x, ty, idx);
    x.close();
    x.open("p:spPr", &[]);
    xfrm(x, rect);
    x.close();
    x.open("p:txBody", &[]);
    body_pr(x, false);
    x.leaf("a:lstStyle", &[]);
    if prompt.is_empty() {
        x.open("a:p", &[]);
        x.leaf("a:endParaRPr", &[("lang", ctx.deck.lang)]);
        x.close();
    }
    for p in prompt {
        paragraph(x, ctx, p);
    }
    x.close();
    x.close();
}

/// What makes a shape a placeholder: locked out of grouping, and its kind and index.
fn placeholder_kind(x: &mut Xml, ty: Option<&str>, idx: Option<&str>) {
    x.open("p:cNvSpPr", &[]);
    x.leaf("a:spLocks", &[("noGrp", "1")]);
    x.close();
    x.open("p:nvPr", &[]);
    let mut attrs = Vec::new();
    if let Some(t) = ty {
        attrs.push(("type", t));
    }
    if let Some(i) = idx {
        attrs.push(("idx", i));
    }
    x.leaf("p:ph", &attrs);
    x.close();
}

fn body_pr(x: &mut Xml, nowrap: bool) {
    x.open(
        "a:bodyPr",
        &[
            ("wrap", if nowrap { "none" } else { "square" }),
            ("lIns", "0"),
            ("tIns", "0"),
            ("rIns", "0"),
            ("bIns", "0"),
            ("anchor", "t"),
            ("rtlCol", "0"),
        ],
    );
    x.leaf("a:noAutofit", &[]);
    x.close();
}

fn paragraph(x: &mut Xml, ctx: &mut Ctx<'_>, p: &Para) {
    x.open("a:p", &[]);
    let hang = super::office::BULLET_HANG * p.size;
    let (mar, indent) = match p.bullet {
        Bullet::None => (p.indent, 0.0),
        _ => (p.indent.max(hang), -hang),
    };
    let algn = match p.align {
        Align::Left => "l",
        Align::Centre => "ctr",
        Align::Right => "r",
    };
    x.open(
        "a:pPr",
        &[
            ("marL", &emu(mar)),
            ("lvl", &p.level.min(8).to_string()),
            ("indent", &emu(indent)),
            ("algn", algn),
        ],
    );
    x.open("a:lnSpc", &[]);
    x.leaf("a:spcPts", &[("val", &hundredths(p.line))]);
    x.close();
    x.open("a:spcBef", &[]);
    x.leaf("a:spcPts", &[("val", "0")]);
    x.close();
    x.open("a:spcAft", &[]);
    x.leaf("a:spcPts", &[("val", &hundredths(p.after))]);
    x.close();
    match p.bullet {
        Bullet::None => {
            x.leaf("a:buNone", &[]);
        }
        Bullet::Disc => {
            x.open("a:buClr", &[]);
            x.leaf("a:srgbClr", &[("val", &srgb(ctx.deck.colours.primary))]);
            x.close();
            x.leaf("a:buFont", &[("typeface", "Arial")]);
            x.leaf("a:buChar", &[("char", "•")]);
        }
        Bullet::Number(n) => {
            x.open("a:buClr", &[]);
            x.leaf("a:srgbClr", &[("val", &srgb(ctx.deck.colours.primary))]);
            x.close();
            x.leaf(
                "a:buAutoNum",
                &[("type", "arabicPeriod"), ("startAt", &n.max(1).to_string())],
            );
        }
    }
    x.close();
    for r in &p.runs {
        if r.text.is_empty() {
            continue;
        }
        x.open("a:r", &[]);
        run_props(x, ctx, p, r, "a:rPr");
        x.element("a:t", &[], &r.text);
        x.close();
    }
    x.leaf(
        "a:endParaRPr",
        &[("lang", ctx.deck.lang), ("sz", &hundredths(p.size))],
    );
    x.close();
}

fn hundredths(pt: f32) -> String {
    ((pt * 100.0).round() as i64).clamp(0, 400_000).to_string()
}

fn run_props(x: &mut Xml, ctx: &mut Ctx<'_>, p: &Para, r: &super::office::Run, tag: &str) {
    let bold = if p.bold || r.bold { "1" } else { "0" };
    let italic = if p.italic || r.italic { "1" } else { "0" };
    let size = hundredths(p.size.max(1.0));
    let mut attrs = vec![
        ("lang", ctx.deck.lang),
        ("sz", size.as_str()),
        ("b", bold),
        ("i", italic),
    ];
    if r.strike {
        attrs.push(("strike", "sngStrike"));
    }
    attrs.push(("dirty", "0"));
    x.open(tag, &attrs);
    solid(x, r.colour.unwrap_or(p.colour));
    let font = if r.code { Font::Mono } else { p.font };
    x.leaf("a:latin", &[("typeface", ctx.deck.font_name(font))]);
    x.leaf("a:cs", &[("typeface", ctx.deck.font_name(font))]);
    match &r.link {
        Some(Link::Url(url)) => {
            let id = ctx.rels.add("hyperlink", url, true);
            x.leaf("a:hlinkClick", &[("r:id", &id)]);
        }
        Some(Link::Slide(i)) => {
            let id = ctx.rels.add("slide", &format!("slide{}.xml", i + 1), false);
            x.leaf(
                "a:hlinkClick",
                &[("r:id", &id), ("action", "ppaction://hlinksldjump")],
            );
        }
        None => {}
    }
    x.close();
}

fn shape(x: &mut Xml, ctx: &mut Ctx<'_>, s: &Shape) {
    match s {
        Shape::Box {
            rect,
            fill,
            stroke,
            radius,
        } => {
            let id = ctx.id();
            x.open("p:sp", &[]);
            x.open("p:nvSpPr", &[]);
            x.leaf("p:cNvPr", &[("id", &id), ("name", &format!("Forme {id}"))]);
            x.leaf("p:cNvSpPr", &[]);
            x.leaf("p:nvPr", &[]);
            x.close();
            x.open("p:spPr", &[]);
            xfrm(x, *rect);
            let short = rect.w.min(rect.h);
            if *radius > 0.0 && short > 0.0 {
                if (radius * 2.0 - short).abs() < 0.5 && (rect.w - rect.h).abs() < 0.5 {
                    x.open("a:prstGeom", &[("prst", "ellipse")]);
                    x.leaf("a:avLst", &[]);
                    x.close();
                } else {
                    let adj = ((radius / short) * 100_000.0).round().min(50_000.0) as i64;
                    x.open("a:prstGeom", &[("prst", "roundRect")]);
                    x.open("a:avLst", &[]);
                    x.leaf("a:gd", &[("name", "adj"), ("fmla", &format!("val {adj}"))]);
                    x.close();
                    x.close();
                }
            } else {
                x.open("a:prstGeom", &[("prst", "rect")]);
                x.leaf("a:avLst", &[]);
                x.close();
            }
            match fill {
                Some(c) => solid(x, *c),
                None => {
                    x.leaf("a:noFill", &[]);
                }
            }
            match stroke {
                Some((c, w)) => {
                    x.open("a:ln", &[("w", &emu(*w))]);
                    solid(x, *c);
                    x.close();
                }
                None => {
                    x.open("a:ln", &[]);
                    x.leaf("a:noFill", &[]);
                    x.close();
                }
            }
            x.close();
            x.close();
        }
        Shape::Line {
            from,
            to,
            colour,
            width,
        } => {
            let id = ctx.id();
            let rect = super::office::Rect {
                x: from.0.min(to.0),
                y: from.1.min(to.1),
                w: (to.0 - from.0).abs(),
                h: (to.1 - from.1).abs(),
            };
            x.open("p:cxnSp", &[]);
            x.open("p:nvCxnSpPr", &[]);
            x.leaf("p:cNvPr", &[("id", &id), ("name", &format!("Trait {id}"))]);
            x.leaf("p:cNvCxnSpPr", &[]);
            x.leaf("p:nvPr", &[]);
            x.close();
            x.open("p:spPr", &[]);
            // A line rising to the right is the box's other diagonal.
            let flip = (to.0 - from.0) * (to.1 - from.1) < 0.0;
            if flip {
                x.open("a:xfrm", &[("flipV", "1")]);
            } else {
                x.open("a:xfrm", &[]);
            }
            x.leaf("a:off", &[("x", &emu(rect.x)), ("y", &emu(rect.y))]);
            x.leaf("a:ext", &[("cx", &emu(rect.w)), ("cy", &emu(rect.h))]);
            x.close();
            x.open("a:prstGeom", &[("prst", "line")]);
            x.leaf("a:avLst", &[]);
            x.close();
            x.open("a:ln", &[("w", &emu(*width))]);
            solid(x, *colour);
            x.close();
            x.close();
            x.close();
        }
        Shape::Text(f) => text_frame(x, ctx, f, None),
        Shape::Picture(p) => picture(x, ctx, p),
        Shape::Table(t) => table(x, ctx, t),
    }
}

/// A text frame: a placeholder of the layout (`kind` says which layout), or a text box.
fn text_frame(x: &mut Xml, ctx: &mut Ctx<'_>, f: &TextFrame, kind: Option<Kind>) {
    let id = ctx.id();
    let ph: Option<(Option<&str>, Option<&str>)> = match (f.role, kind) {
        (Role::Title, Some(Kind::Title)) => Some((Some("ctrTitle"), None)),
        (Role::Title, _) => Some((Some("title"), None)),
        (Role::Subtitle, _) => Some((Some("subTitle"), Some("1"))),
        (Role::Body(1), Some(Kind::Section)) => Some((Some("body"), Some("1"))),
        (Role::Body(1), _) => Some((None, Some("1"))),
        (Role::Body(_), _) => Some((None, Some("2"))),
        (Role::Free, _) => None,
    };
    let name = match f.role {
        Role::Title => "Titre",
        Role::Subtitle => "Sous-titre",
        Role::Body(_) => "Contenu",
        Role::Free => "Texte",
    };
    x.open("p:sp", &[]);
    x.open("p:nvSpPr", &[]);
    x.leaf("p:cNvPr", &[("id", &id), ("name", &format!("{name} {id}"))]);
    match ph {
        Some((ty, idx)) => {
            placeholder_kind(x, ty, idx);
        }
        None => {
            x.leaf("p:cNvSpPr", &[("txBox", "1")]);
            x.leaf("p:nvPr", &[]);
        }
    }
    x.close();
    x.open("p:spPr", &[]);
    xfrm(x, nudged(f.rect, f.paras.first().map_or(0.0, |p| p.size)));
    x.open("a:prstGeom", &[("prst", "rect")]);
    x.leaf("a:avLst", &[]);
    x.close();
    x.leaf("a:noFill", &[]);
    x.close();
    x.open("p:txBody", &[]);
    body_pr(x, f.nowrap);
    x.leaf("a:lstStyle", &[]);
    for p in &f.paras {
        paragraph(x, ctx, p);
    }
    x.close();
    x.close();
}

fn picture(x: &mut Xml, ctx: &mut Ctx<'_>, p: &Picture) {
    let Some(media) = ctx.deck.media.get(p.media) else {
        return;
    };
    let rel = ctx.rels.add(
        "image",
        &format!("{}{}", ctx.media_prefix, media.name),
        false,
    );
    let id = ctx.id();
    x.open("p:pic", &[]);
    x.open("p:nvPicPr", &[]);
    let name = p.title.clone().unwrap_or_else(|| format!("Image {id}"));
    x.leaf(
        "p:cNvPr",
        &[("id", &id), ("name", &name), ("descr", &p.alt)],
    );
    x.open("p:cNvPicPr", &[]);
    x.leaf("a:picLocks", &[("noChangeAspect", "1")]);
    x.close();
    x.leaf("p:nvPr", &[]);
    x.close();
    x.open("p:blipFill", &[]);
    x.leaf("a:blip", &[("r:embed", &rel)]);
    x.open("a:stretch", &[]);
    x.leaf("a:fillRect", &[]);
    x.close();
    x.close();
    x.open("p:spPr", &[]);
    xfrm(x, p.rect);
    x.open("a:prstGeom", &[("prst", "rect")]);
    x.leaf("a:avLst", &[]);
    x.close();
    x.close();
    x.close();
}

fn table(x: &mut Xml, ctx: &mut Ctx<'_>, t: &TableFrame) {
    let cols = t.rows.iter().map(Vec::len).max().unwrap_or(0);
    if cols == 0 {
        return;
    }
    let id = ctx.id();
    let row_h = t.rect.h / t.rows.len().max(1) as f32;
    let col_w = t.rect.w / cols as f32;
    x.open("p:graphicFrame", &[]);
    x.open("p:nvGraphicFramePr", &[]);
    x.leaf(
        "p:cNvPr",
        &[("id", &id), ("name", &format!("Tableau {id}"))],
    );
    x.open("p:cNvGraphicFramePr", &[]);
    x.leaf("a:graphicFrameLocks", &[("noGrp", "1")]);
    x.close();
    x.leaf("p:nvPr", &[]);
    x.close();
    x.open("p:xfrm", &[]);
    x.leaf("a:off", &[("x", &emu(t.rect.x)), ("y", &emu(t.rect.y))]);
    x.leaf("a:ext", &[("cx", &emu(t.rect.w)), ("cy", &emu(t.rect.h))]);
    x.close();
    x.open("a:graphic", &[]);
    x.open(
        "a:graphicData",
        &[(
            "uri",
            "http://schemas.openxmlformats.org/drawingml/2006/table",
        )],
    );
    x.open("a:tbl", &[]);
    x.leaf("a:tblPr", &[("firstRow", "1"), ("bandRow", "0")]);
    x.open("a:tblGrid", &[]);
    for _ in 0..cols {
        x.leaf("a:gridCol", &[("w", &emu(col_w))]);
    }
    x.close();
    for r in 0..t.rows.len() {
        x.open("a:tr", &[("h", &emu(row_h))]);
        for c in 0..cols {
            let header = r == 0;
            let para = t.cell(r, c);
            x.open("a:tc", &[]);
            x.open("a:txBody", &[]);
            x.leaf("a:bodyPr", &[]);
            x.leaf("a:lstStyle", &[]);
            paragraph(x, ctx, &para);
            x.close();
            let (across, down) = (emu(t.padding.0), emu(t.padding.1));
            x.open(
                "a:tcPr",
                &[
                    ("marL", &across),
                    ("marR", &across),
                    ("marT", &down),
                    ("marB", &down),
                ],
            );
            // No borders but the rule under the row, as the PDF draws the table.
            let (rule, width) = if header { t.header_rule } else { t.row_rule };
            for side in ["a:lnL", "a:lnR", "a:lnT"] {
                x.open(side, &[("w", "0")]);
                x.leaf("a:noFill", &[]);
                x.close();
            }
            x.open("a:lnB", &[("w", &emu(width))]);
            solid(x, rule);
            x.close();
            x.leaf("a:noFill", &[]);
            x.close();
            x.close();
        }
        x.close();
    }
    x.close();
    x.close();
    x.close();
    x.close();
}

/// The footer and slide-number placeholders of the master, the layouts and the slides.
fn footer_placeholders(
    x: &mut Xml,
    ctx: &mut Ctx<'_>,
    kind: Kind,
    footer: Option<&str>,
    number: bool,
    total: usize,
) {
    let Some(m) = ctx.deck.master(kind) else {
        return;
    };
    let (fr, nr, colour, size) = (m.footer, m.number, m.small_colour, m.small_size);
    let small = |text: &str| Para::simple(vec![Run::plain(text)], size, colour, Font::Body, false);
    let (fr, nr) = (nudged(fr, size), nudged(nr, size));
    if let Some(text) = footer {
        placeholder(x, ctx, Some("ftr"), Some("11"), fr, &[small(text)]);
    }
    if number {
        let id = ctx.id();
        x.open("p:sp", &[]);
        x.open("p:nvSpPr", &[]);
        x.leaf("p:cNvPr", &[("id", &id), ("name", &format!("Numéro {id}"))]);
        x.open("p:cNvSpPr", &[]);
        x.leaf("a:spLocks", &[("noGrp", "1")]);
        x.close();
        x.open("p:nvPr", &[]);
        x.leaf(
            "p:ph",
            &[("type", "sldNum"), ("sz", "quarter"), ("idx", "12")],
        );
        x.close();
        x.close();
        x.open("p:spPr", &[]);
        xfrm(x, nr);
        x.close();
        x.open("p:txBody", &[]);
        body_pr(x, false);
        x.leaf("a:lstStyle", &[]);
        x.open("a:p", &[]);
        x.leaf("a:pPr", &[("algn", "r")]);
        let mut p = small("");
        p.bold = true;
        x.open("a:fld", &[("id", SLIDE_NUMBER_FIELD), ("type", "slidenum")]);
        run_props(x, ctx, &p, &p.runs[0], "a:rPr");
        x.element("a:t", &[], "‹N°›");
        x.close();
        // PowerPoint has no field for the number of slides: the count is written as text.
        if total > 0 {
            x.open("a:r", &[]);
            run_props(x, ctx, &p, &p.runs[0], "a:rPr");
            x.element("a:t", &[], &format!(" / {total}"));
            x.close();
        }
        x.close();
        x.close();
        x.close();
    }
}

fn slide_master(deck: &OfficeDeck) -> Result<(Vec<u8>, Vec<u8>), WriteError> {
    let mut ctx = Ctx {
        deck,
        rels: Rels::default(),
        next_id: 1,
        media_prefix: "../media/",
    };
    for i in 0..LAYOUTS.len() {
        ctx.rels.add(
            "slideLayout",
            &format!("../slideLayouts/slideLayout{}.xml", i + 1),
            false,
        );
    }
    let theme_rel = ctx.rels.add("theme", "../theme/theme1.xml", false);
    let _ = theme_rel;
    let mut x = Xml::new();
    x.open(
        "p:sldMaster",
        &[("xmlns:a", NS_A), ("xmlns:r", NS_R), ("xmlns:p", NS_P)],
    );
    x.open("p:cSld", &[]);
    if let Some(m) = deck.master(Kind::Content) {
        background(&mut x, m.background);
        tree_start(&mut x);
        for s in &m.shapes {
            shape(&mut x, &mut ctx, s);
        }
        let title = prompt(m.title.size, m.title.colour, Font::Heading, true, "Titre");
        placeholder(
            &mut x,
            &mut ctx,
            Some("title"),
            None,
            m.title.rect,
            &[title],
        );
        let body = prompt(m.body.size, m.body.colour, Font::Body, false, "Texte");
        placeholder(
            &mut x,
            &mut ctx,
            Some("body"),
            Some("1"),
            m.body.rect,
            &[body],
        );
        footer_placeholders(&mut x, &mut ctx, Kind::Content, Some(""), true, 0);
        x.close();
    }
    x.close();
    x.leaf("p:clrMap", &COLOUR_MAP);
    x.open("p:sldLayoutIdLst", &[]);
    for i in 0..LAYOUTS.len() {
        x.leaf(
            "p:sldLayoutId",
            &[
                ("id", &(2_147_483_649u32 + i as u32).to_string()),
                ("r:id", &format!("rId{}", i + 1)),
            ],
        );
    }
    x.close();
    x.open("p:txStyles", &[]);
    if let Some(m) = deck.master(Kind::Content) {
        for (tag, style) in [("p:titleStyle", &m.title), ("p:bodyStyle", &m.body)] {
            x.open(tag, &[]);
            x.open("a:lvl1pPr", &[]);
            x.open(
                "a:defRPr",
                &[
                    ("sz", &hundredths(style.size)),
                    ("b", if style.bold { "1" } else { "0" }),
                ],
            );
            solid(&mut x, style.colour);
            x.leaf("a:latin", &[("typeface", deck.font_name(style.font))]);
            x.close();
            x.close();
            x.close();
        }
    }
    x.leaf("p:otherStyle", &[]);
    x.close();
    Ok((x.finish()?, ctx.rels.write()?))
}

/// The text a placeholder of a master shows until it is filled.
fn prompt(size: f32, colour: Rgb, font: Font, bold: bool, text: &str) -> Para {
    Para::simple(vec![Run::plain(text)], size, colour, font, bold)
}

fn layout(deck: &OfficeDeck, index: usize) -> Result<(Vec<u8>, Vec<u8>), WriteError> {
    let (ty, name) = LAYOUTS[index];
    let kind = match index {
        0 => Kind::Title,
        1 => Kind::Section,
        _ => Kind::Content,
    };
    let mut ctx = Ctx {
        deck,
        rels: Rels::default(),
        next_id: 1,
        media_prefix: "../media/",
    };
    ctx.rels
        .add("slideMaster", "../slideMasters/slideMaster1.xml", false);
    let own = kind != Kind::Content;
    let mut x = Xml::new();
    let mut attrs = vec![
        ("xmlns:a", NS_A),
        ("xmlns:r", NS_R),
        ("xmlns:p", NS_P),
        ("type", ty),
        ("preserve", "1"),
    ];
    // The cover and the dividers have their own chrome: the master's is hidden there.
    if own {
        attrs.push(("showMasterSp", "0"));
    }
    x.open("p:sldLayout", &attrs);
    x.open("p:cSld", &[("name", name)]);
    if let Some(m) = deck.master(kind) {
        if own {
            background(&mut x, m.background);
        }
        tree_start(&mut x);
        if own {
            for s in &m.shapes {
                shape(&mut x, &mut ctx, s);
            }
        }
        let title = prompt(m.title.size, m.title.colour, Font::Heading, true, "Titre");
        let title_ty = if kind == Kind::Title {
            "ctrTitle"
        } else {
            "title"
        };
        placeholder(
            &mut x,
            &mut ctx,
            Some(title_ty),
            None,
            m.title.rect,
            &[title],
        );
        let body = prompt(m.body.size, m.body.colour, Font::Body, false, "Texte");
        match index {
            0 => placeholder(
                &mut x,
                &mut ctx,
                Some("subTitle"),
                Some("1"),
                m.body.rect,
                &[body],
            ),
            1 => placeholder(
                &mut x,
                &mut ctx,
                Some("body"),
                Some("1"),
                m.body.rect,
                &[body],
            ),
            2 => placeholder(&mut x, &mut ctx, None, Some("1"), m.body.rect, &[body]),
            3 => {
                let gap = m.body.rect.w * 0.04;
                let w = (m.body.rect.w - gap) / 2.0;
                let left = super::office::Rect { w, ..m.body.rect };
                let right = super::office::Rect {
                    x: m.body.rect.x + w + gap,
                    w,
                    ..m.body.rect
                };
                placeholder(
                    &mut x,
                    &mut ctx,
                    None,
                    Some("1"),
                    left,
                    std::slice::from_ref(&body),
                );
                placeholder(&mut x, &mut ctx, None, Some("2"), right, &[body]);
            }
            _ => {}
        }
        footer_placeholders(&mut x, &mut ctx, kind, Some(""), true, 0);
        x.close();
    }
    x.close();
    x.open("p:clrMapOvr", &[]);
    x.leaf("a:masterClrMapping", &[]);
    x.close();
    Ok((x.finish()?, ctx.rels.write()?))
}

/// The layout a slide uses, 1-based: by its kind, and by the placeholders its parts fill.
fn layout_of(slide: &OfficeSlide) -> usize {
    match slide.kind {
        Kind::Title => 1,
        Kind::Section => 2,
        Kind::Content => {
            let roles: Vec<Role> = slide
                .shapes
                .iter()
                .filter_map(|s| match s {
                    Shape::Text(f) => Some(f.role),
                    _ => None,
                })
                .collect();
            if roles.contains(&Role::Body(2)) {
                4
            } else if roles.contains(&Role::Body(1)) {
                3
            } else {
                5
            }
        }
    }
}

fn slide_part(
    deck: &OfficeDeck,
    slide: &OfficeSlide,
    index: usize,
) -> Result<(Vec<u8>, Vec<u8>), WriteError> {
    let mut ctx = Ctx {
        deck,
        rels: Rels::default(),
        next_id: 1,
        media_prefix: "../media/",
    };
    ctx.rels.add(
        "slideLayout",
        &format!("../slideLayouts/slideLayout{}.xml", layout_of(slide)),
        false,
    );
    ctx.rels.add(
        "notesSlide",
        &format!("../notesSlides/notesSlide{}.xml", index + 1),
        false,
    );
    let mut x = Xml::new();
    x.open(
        "p:sld",
        &[("xmlns:a", NS_A), ("xmlns:r", NS_R), ("xmlns:p", NS_P)],
    );
    x.open("p:cSld", &[]);
    tree_start(&mut x);
    for s in &slide.shapes {
        match s {
            Shape::Text(f) => text_frame(&mut x, &mut ctx, f, Some(slide.kind)),
            other => shape(&mut x, &mut ctx, other),
        }
    }
    footer_placeholders(
        &mut x,
        &mut ctx,
        slide.kind,
        slide.footer.as_deref(),
        slide.paginate,
        deck.slides.len(),
    );
    x.close();
    x.close();
    x.open("p:clrMapOvr", &[]);
    x.leaf("a:masterClrMapping", &[]);
    x.close();
    Ok((x.finish()?, ctx.rels.write()?))
}

fn notes_master(deck: &OfficeDeck) -> std::io::Result<Vec<u8>> {
    notes_part(deck, "p:notesMaster", &[])
}

fn notes_slide(deck: &OfficeDeck, slide: &OfficeSlide) -> std::io::Result<Vec<u8>> {
    notes_part(deck, "p:notes", &slide.notes)
}

/// A notes page: the master (which sets the colour map) or a slide's (which follows it).
fn notes_part(deck: &OfficeDeck, root: &str, notes: &[Para]) -> std::io::Result<Vec<u8>> {
    let mut ctx = Ctx {
        deck,
        rels: Rels::default(),
        next_id: 1,
        media_prefix: "../media/",
    };
    let mut x = Xml::new();
    x.open(
        root,
        &[("xmlns:a", NS_A), ("xmlns:r", NS_R), ("xmlns:p", NS_P)],
    );
    x.open("p:cSld", &[]);
    tree_start(&mut x);
    notes_shapes(&mut x, &mut ctx, notes);
    x.close();
    x.close();
    if root == "p:notesMaster" {
        x.leaf("p:clrMap", &COLOUR_MAP);
    } else {
        x.open("p:clrMapOvr", &[]);
        x.leaf("a:masterClrMapping", &[]);
        x.close();
    }
    x.finish()
}

/// The slide's picture and the notes' body on a portrait notes page.
fn notes_shapes(x: &mut Xml, ctx: &mut Ctx<'_>, notes: &[Para]) {
    let image = super::office::Rect {
        x: 54.0,
        y: 54.0,
        w: 432.0,
        h: 243.0,
    };
    let id = ctx.id();
    x.open("p:sp", &[]);
    x.open("p:nvSpPr", &[]);
    x.leaf(
        "p:cNvPr",
        &[("id", &id), ("name", &format!("Diapositive {id}"))],
    );
    x.open("p:cNvSpPr", &[]);
    x.leaf(
        "a:spLocks",
        &[("noGrp", "1"), ("noRot", "1"), ("noChangeAspect", "1")],
    );
    x.close();
    x.open("p:nvPr", &[]);
    x.leaf("p:ph", &[("type", "sldImg"), ("idx", "2")]);
    x.close();
    x.close();
    x.open("p:spPr", &[]);
    xfrm(x, image);
    x.close();
    x.close();
    let body = super::office::Rect {
        x: 54.0,
        y: 320.0,
        w: 432.0,
        h: 380.0,
    };
    placeholder(x, ctx, Some("body"), Some("3"), body, notes);
}
