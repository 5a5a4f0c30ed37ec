//! The open listing's cards as data files for the live filter on `/opportunities/`:
//! `search/cards/<n>.json`, each a JSON array of up to [`CARDS_PER_FILE`] card HTML strings,
//! exactly as `opportunity_card.html` rendered them for the static pages, in listing order.
//!
//! The filter shows these cards instead of building its own, so a card has one renderer and
//! a theme's overridden card shows in the live filter too. It fetches only the files that
//! hold the cards it shows.

use super::CatalogRender;
use crate::render::{OutputPath, RenderedFile};

/// Cards per file: small enough that a filter whose matches are spread over the whole
/// listing fetches little more than the cards it shows.
pub const CARDS_PER_FILE: usize = 10;

/// The folder of the card files, from the site's root.
pub const CARD_FILES: &str = "search/cards/";

impl CatalogRender<'_> {
    /// The card files of the open listing: file `n` holds the cards of open opportunities
    /// `n * CARDS_PER_FILE ..`, the rows of the facet data in the same order.
    pub(super) fn card_files(&self) -> Vec<RenderedFile> {
        self.open
            .chunks(CARDS_PER_FILE)
            .enumerate()
            .map(|(n, members)| {
                let cards = self.cards_of(members);
                let json = serde_json::to_string(&cards).expect("strings always serialise");
                RenderedFile {
                    path: OutputPath::new(format!("{CARD_FILES}{n}.json"))
                        .expect("a fixed folder and a number"),
                    text: json,
                }
            })
            .collect()
    }
}
