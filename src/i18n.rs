//! The words a deck shows by itself (counters, "Notes", "(suite)", handout covers), in the deck's
//! language. French is the default.

use crate::model::Lang;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Strings {
    pub slide: &'static str,
    pub of: &'static str,
    pub notes: &'static str,
    pub facilitator: &'static str,
    pub continued: &'static str,
    pub next: &'static str,
    pub end: &'static str,
    pub elapsed: &'static str,
    pub remaining: &'static str,
    pub ahead: &'static str,
    pub behind: &'static str,
    pub on_time: &'static str,
    pub presenter: &'static str,
    pub overview: &'static str,
    pub help: &'static str,
    pub part: &'static str,
    pub agenda: &'static str,
    pub audience: &'static str,
    pub duration: &'static str,
    pub date: &'static str,
    pub minutes: &'static str,
    pub poll: &'static str,
    /// The label over a definition slide's term.
    pub definition: &'static str,
    pub contact: &'static str,
    pub feedback: &'static str,
    pub page: &'static str,
    pub slides_label: &'static str,
    pub deck_label: &'static str,
    pub start: &'static str,
    pub pause: &'static str,
    pub reset: &'static str,
    pub close: &'static str,
    pub no_notes: &'static str,
    pub popup_blocked: &'static str,
    pub help_next: &'static str,
    pub help_prev: &'static str,
    pub help_first_last: &'static str,
    pub help_goto: &'static str,
    pub help_fullscreen: &'static str,
    pub help_help: &'static str,
    pub key_space: &'static str,
    pub key_enter: &'static str,
    pub key_esc: &'static str,
    pub key_home: &'static str,
    pub key_end: &'static str,
    pub key_pgup: &'static str,
    pub key_pgdn: &'static str,
    pub key_backspace: &'static str,
    pub your_notes: &'static str,
    pub handout: &'static str,
    pub key_points: &'static str,
    // Handout-only words: the PDF handouts use them, the HTML runtime does not, so they stay out
    // of the strings serialised into every HTML deck.
    /// The `notes` handout's kind, on its cover and in the PDF subject.
    #[serde(skip)]
    pub handout_notes: &'static str,
    /// The `3up` handout's kind.
    #[serde(skip)]
    pub handout_three_up: &'static str,
    /// The `leaflet` handout's kind.
    #[serde(skip)]
    pub handout_leaflet: &'static str,
    #[serde(skip)]
    pub author: &'static str,
    /// Heading of a handout cover's table of contents.
    #[serde(skip)]
    pub contents: &'static str,
    /// Heading of the leaflet's objectives box.
    #[serde(skip)]
    pub objectives: &'static str,
    /// Month names, January first, as a date shows them (`crate::facts::Date::text`).
    #[serde(skip)]
    pub months: [&'static str; 12],
    /// The leaflet's opening box and its labels.
    #[serde(skip)]
    pub essentials: &'static str,
    #[serde(skip)]
    pub final_objective: &'static str,
    #[serde(skip)]
    pub key_figure: &'static str,
    #[serde(skip)]
    pub main_gains: &'static str,
    #[serde(skip)]
    pub next_step: &'static str,
    /// What stands in a diagram's place on the slide (diapo draws none), `{tool}` its tool's
    /// name. The slide's own words, not the runtime's.
    #[serde(skip)]
    pub diagram: &'static str,
}

/// What a diagram's placeholder says: whose diagram it is (`Mermaid`), that it is not drawn and
/// where its source went.
pub fn diagram_label(lang: Lang, tool: &str) -> String {
    strings(lang).diagram.replace("{tool}", tool)
}

pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    }
}

static FR: Strings = Strings {
    slide: "Diapositive",
    of: "sur",
    notes: "Notes",
    facilitator: "Conseils d’animation",
    continued: "(suite)",
    next: "Suivante",
    end: "Fin de la présentation",
    elapsed: "Temps écoulé",
    remaining: "Temps restant",
    ahead: "en avance",
    behind: "en retard",
    on_time: "dans les temps",
    presenter: "Vue présentateur",
    overview: "Vue d’ensemble",
    help: "Aide",
    part: "Partie",
    agenda: "Sommaire",
    audience: "Public",
    duration: "Durée",
    date: "Date",
    minutes: "min",
    poll: "Sondage",
    definition: "Définition",
    contact: "Contact",
    feedback: "Votre avis",
    page: "Page",
    slides_label: "Diapositives",
    deck_label: "Présentation",
    start: "Démarrer",
    pause: "Pause",
    reset: "Remettre à zéro",
    close: "Fermer",
    no_notes: "Pas de notes pour cette diapositive.",
    popup_blocked: "Le navigateur a bloqué la vue présentateur : autorisez les fenêtres pop-up pour ce fichier, puis appuyez de nouveau sur P.",
    help_next: "Élément ou diapositive suivante",
    help_prev: "Élément ou diapositive précédente",
    help_first_last: "Première / dernière diapositive",
    help_goto: "Aller à la diapositive n°…",
    help_fullscreen: "Plein écran",
    help_help: "Afficher / masquer cette aide",
    key_space: "Espace",
    key_enter: "Entrée",
    key_esc: "Échap",
    key_home: "Début",
    key_end: "Fin",
    key_pgup: "Pg préc",
    key_pgdn: "Pg suiv",
    key_backspace: "Retour arrière",
    your_notes: "Vos notes",
    handout: "Support de formation",
    key_points: "À retenir",
    handout_notes: "Support avec notes",
    handout_three_up: "Support de prise de notes",
    handout_leaflet: "Synthèse pour les décideurs",
    author: "Auteur",
    contents: "Sommaire",
    objectives: "Objectifs de la session",
    months: [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    essentials: "L’essentiel",
    final_objective: "Objectif",
    key_figure: "Chiffre clé",
    main_gains: "Les gains",
    next_step: "Prochaine étape",
    diagram: "Diagramme {tool} — non dessiné ; sa source est dans les notes",
};

static EN: Strings = Strings {
    slide: "Slide",
    of: "of",
    notes: "Notes",
    facilitator: "Facilitator notes",
    continued: "(continued)",
    next: "Next",
    end: "End of the presentation",
    elapsed: "Elapsed",
    remaining: "Remaining",
    ahead: "ahead",
    behind: "behind",
    on_time: "on time",
    presenter: "Presenter view",
    overview: "Overview",
    help: "Help",
    part: "Part",
    agenda: "Agenda",
    audience: "Audience",
    duration: "Duration",
    date: "Date",
    minutes: "min",
    poll: "Poll",
    definition: "Definition",
    contact: "Contact",
    feedback: "Your feedback",
    page: "Page",
    slides_label: "Slides",
    deck_label: "Presentation",
    start: "Start",
    pause: "Pause",
    reset: "Reset",
    close: "Close",
    no_notes: "No notes for this slide.",
    popup_blocked:
        "The presenter view was blocked: allow pop-up windows for this file, then press P again.",
    help_next: "Next item or slide",
    help_prev: "Previous item or slide",
    help_first_last: "First / last slide",
    help_goto: "Go to slide number…",
    help_fullscreen: "Full screen",
    help_help: "Show / hide this help",
    key_space: "Space",
    key_enter: "Enter",
    key_esc: "Esc",
    key_home: "Home",
    key_end: "End",
    key_pgup: "PgUp",
    key_pgdn: "PgDn",
    key_backspace: "Backspace",
    your_notes: "Your notes",
    handout: "Handout",
    key_points: "Key points",
    handout_notes: "Handout with notes",
    handout_three_up: "Note-taking handout",
    handout_leaflet: "Summary for decision makers",
    author: "Author",
    contents: "Contents",
    objectives: "Session objectives",
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    essentials: "Key points",
    final_objective: "Objective",
    key_figure: "Key figure",
    main_gains: "The gains",
    next_step: "Next step",
    diagram: "{tool} diagram — not drawn; its source is in the speaker notes",
};
