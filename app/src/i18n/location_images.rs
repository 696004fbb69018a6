//! Words of the logo and cover screen (`/admin/locations/{id}/images`) and of the local
//! page's pictures, in both languages.

use super::Lang;

pub struct LocationImageTexts {
    /// The screen's title and the link to it from the location editor.
    pub title: &'static str,
    pub intro: &'static str,
    pub logo: &'static str,
    pub cover: &'static str,
    pub logo_help: &'static str,
    pub cover_help: &'static str,
    pub none_yet: &'static str,
    pub file: &'static str,
    pub file_help: &'static str,
    pub cover_alt: &'static str,
    pub cover_alt_help: &'static str,
    pub upload_logo: &'static str,
    pub upload_cover: &'static str,
    pub remove_logo: &'static str,
    pub remove_cover: &'static str,
    pub saved_logo: &'static str,
    pub saved_cover: &'static str,
    pub removed_logo: &'static str,
    pub removed_cover: &'static str,
    pub no_file: &'static str,
    /// `{max}` characters.
    pub alt_too_long: &'static str,
    /// The logo's alt text on the local page: `{name}` is the shop's name.
    pub logo_of: &'static str,
}

const DE: LocationImageTexts = LocationImageTexts {
    title: "Logo und Titelbild",
    intro: "Das Logo steht neben dem Namen auf deiner Seite und ist das Profilbild im Fediverse. Das Titelbild steht oben auf deiner Seite und erscheint, wenn jemand den Link teilt.",
    logo: "Logo",
    cover: "Titelbild",
    logo_help: "Am besten quadratisch, mindestens 400 × 400 Pixel.",
    cover_help: "Am besten im Querformat, mindestens 1600 Pixel breit.",
    none_yet: "Noch keins festgelegt.",
    file: "Bilddatei",
    file_help: "JPEG, PNG oder WebP. Ortsangaben und andere Metadaten werden entfernt.",
    cover_alt: "Bildbeschreibung (optional)",
    cover_alt_help: "Was ist zu sehen? Für Menschen, die das Bild nicht sehen können. Höchstens 300 Zeichen.",
    upload_logo: "Logo hochladen",
    upload_cover: "Titelbild hochladen",
    remove_logo: "Logo entfernen",
    remove_cover: "Titelbild entfernen",
    saved_logo: "Das Logo ist gespeichert.",
    saved_cover: "Das Titelbild ist gespeichert.",
    removed_logo: "Das Logo ist entfernt.",
    removed_cover: "Das Titelbild ist entfernt.",
    no_file: "Bitte wähle eine Bilddatei aus.",
    alt_too_long: "Die Bildbeschreibung ist zu lang (höchstens {max} Zeichen).",
    logo_of: "Logo von {name}",
};

const EN: LocationImageTexts = LocationImageTexts {
    title: "Logo and cover photo",
    intro: "The logo stands beside the name on your page and is the profile picture in the fediverse. The cover photo is at the top of your page and shows when someone shares the link.",
    logo: "Logo",
    cover: "Cover photo",
    logo_help: "Square works best, at least 400 × 400 pixels.",
    cover_help: "Landscape works best, at least 1600 pixels wide.",
    none_yet: "None set yet.",
    file: "Image file",
    file_help: "JPEG, PNG or WebP. Location data and other metadata are removed.",
    cover_alt: "Image description (optional)",
    cover_alt_help: "What does it show? For people who cannot see the picture. At most 300 characters.",
    upload_logo: "Upload logo",
    upload_cover: "Upload cover photo",
    remove_logo: "Remove logo",
    remove_cover: "Remove cover photo",
    saved_logo: "The logo is saved.",
    saved_cover: "The cover photo is saved.",
    removed_logo: "The logo is removed.",
    removed_cover: "The cover photo is removed.",
    no_file: "Please choose an image file.",
    alt_too_long: "The image description is too long (at most {max} characters).",
    logo_of: "Logo of {name}",
};

impl Lang {
    pub fn location_images(self) -> &'static LocationImageTexts {
        match self {
            Lang::De => &DE,
            Lang::En => &EN,
        }
    }
}
