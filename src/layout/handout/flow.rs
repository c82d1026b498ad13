//! Rows flowing down pages. Handout text is cut into rows (a line of a paragraph, a heading, a
//! box that must stay whole) and a [`Flow`] stacks them in a column, starting a new page when
//! the next row would cross the bottom margin. Rows marked `keep_with_next` are moved to the
//! next page together with the row after them, so a heading never ends a page; gaps before a
//! row are dropped at the top of a page. A row is never taller than a page by construction
//! (text lines are short, and boxes taller than a page are set as plain rows instead), so
//! nothing is drawn below the bottom margin.

use crate::layout::page::{Item, Page, Positioned};

use super::{shifted, PAGE_HEIGHT, PAGE_WIDTH};

/// A piece of content that does not break across pages. Its items are relative to its top-left
/// corner.
#[derive(Debug, Clone)]
pub(super) struct Row {
    pub height: f32,
    /// Space above the row, unless it starts a page.
    pub gap_before: f32,
    pub items: Vec<Positioned>,
    /// Move to the next page with the following row rather than end a page.
    pub keep_with_next: bool,
    /// A bookmark pointing at the page the row lands on.
    pub mark: Option<Mark>,
}

impl Row {
    pub fn new(height: f32) -> Row {
        Row {
            height,
            gap_before: 0.0,
            items: Vec::new(),
            keep_with_next: false,
            mark: None,
        }
    }
}

impl Row {
    /// The baseline of the row's first text, from its top (a line's, for a row made from one).
    pub fn baseline(&self) -> f32 {
        self.items
            .iter()
            .find(|p| matches!(p.item, Item::Text(_)))
            .map_or(self.height * 0.8, |p| p.pos.y)
    }
}

/// A bookmark: its title and depth (0 for top level).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Mark {
    pub level: u8,
    pub title: String,
}

/// Pages being filled from top to bottom.
pub(super) struct Flow {
    pages: Vec<Page>,
    /// Where the next row goes, on the last page.
    pub y: f32,
    top: f32,
    bottom: f32,
    /// Bookmarks of placed rows, with their page index.
    pub marks: Vec<(Mark, usize)>,
}

const EPSILON: f32 = 0.01;

impl Flow {
    /// A flow whose content area runs from `top` to `bottom` on every page, with one empty page.
    pub fn new(top: f32, bottom: f32) -> Flow {
        Flow {
            pages: vec![Page::new(PAGE_WIDTH, PAGE_HEIGHT)],
            y: top,
            top,
            bottom,
            marks: Vec::new(),
        }
    }

    pub fn page_index(&self) -> usize {
        self.pages.len() - 1
    }

    /// The page being filled.
    pub fn page(&mut self) -> &mut Page {
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    pub fn at_top(&self) -> bool {
        self.y <= self.top + EPSILON
    }

    /// Height left on the current page.
    pub fn remaining(&self) -> f32 {
        self.bottom - self.y
    }

    /// Height of a whole page's content area.
    pub fn capacity(&self) -> f32 {
        self.bottom - self.top
    }

    pub fn new_page(&mut self) {
        self.pages.push(Page::new(PAGE_WIDTH, PAGE_HEIGHT));
        self.y = self.top;
    }

    /// Stacks `rows` with their left edge at `x`. After a page break in the middle of them,
    /// the rows `after_break` gives are put first on the new page (a "continued" label).
    pub fn place(&mut self, x: f32, rows: Vec<Row>, after_break: &dyn Fn() -> Vec<Row>) {
        let heights: Vec<(f32, f32, bool)> = rows
            .iter()
            .map(|r| (r.height, r.gap_before, r.keep_with_next))
            .collect();
        for (i, row) in rows.into_iter().enumerate() {
            let gap = if self.at_top() { 0.0 } else { row.gap_before };
            // The row and the rows it must stay with.
            let mut chain = gap + row.height;
            let mut j = i;
            while heights[j].2 && j + 1 < heights.len() {
                j += 1;
                chain += heights[j].1 + heights[j].0;
            }
            let fits = self.y + chain <= self.bottom + EPSILON;
            let fits_alone = self.y + gap + row.height <= self.bottom + EPSILON;
            let chain_fits_a_page = chain - gap <= self.capacity();
            if !self.at_top() && (!fits_alone || (!fits && chain_fits_a_page)) {
                self.new_page();
                let repeat = after_break();
                if !repeat.is_empty() {
                    self.place(x, repeat, &Vec::new);
                }
            }
            let gap = if self.at_top() { 0.0 } else { row.gap_before };
            let top = self.y + gap;
            if let Some(mark) = row.mark {
                let page = self.page_index();
                self.marks.push((mark, page));
            }
            let items = row.items;
            self.page().items.extend(shifted(items, x, top));
            self.y = top + row.height;
        }
    }

    /// The pages, in order, without a last page left empty (nothing at all to place).
    pub fn finish(mut self) -> Vec<Page> {
        if self.pages.last().is_some_and(|p| p.items.is_empty()) {
            self.pages.pop();
        }
        self.pages
    }
}
