"""The fixed texts of the employee documents, written out in Swedish, Danish and English.

These are document text, not interface strings: a Swedish manager with an
English interface still hands a Danish employee a Danish document, so they
live here per language instead of in the gettext catalogues.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from dialog_kit.errors import UsageError
from dialog_kit.i18n import LANGUAGES, _

_SV: dict[str, str] = {
    # -- shared ---------------------------------------------------------------
    "kind.development": "Medarbetarsamtal",
    "kind.career-change": "Samtal om karriärväxling",
    "kind.exit": "Avgångssamtal",
    "page": "Sida {page} av {pages}",
    "page_word": "Sida",
    "page_of": "av",
    "made_on": "Skapat {date}",
    "organisation_fallback": "Samtalsdokument",
    # -- summary --------------------------------------------------------------
    "summary": "Sammanfattning",
    "summary_lead": "Det här pratade vi om och kom överens om.",
    "draft": "Utkast",
    "final_version": "Slutgiltig, version {version}",
    "status_draft": (
        "Utkast: samtalet är inte avslutat än, så den här sammanfattningen kan fortfarande ändras."
    ),
    "status_final": (
        "Slutgiltig sammanfattning, version {version}. Samtalet är avslutat; det som läggs "
        "till efteråt kommer i en ny version."
    ),
    "date": "Datum",
    "participants": "Deltagare",
    "employee": "Medarbetare",
    "manager": "Chef",
    "notes": "Det här pratade vi om",
    "no_notes": "Inga anteckningar skrevs ner till den här sammanfattningen.",
    "other_notes": "Övrigt",
    "your_preparation": "Dina egna ord: din förberedelse",
    "amendments": "Tillagt efter samtalet",
    "actions": "Det här kom vi överens om",
    "actions_caption": "Överenskomna åtgärder: vad, vem, till när och om det är klart",
    "action_what": "Vad",
    "action_owner": "Vem",
    "action_due": "Till när",
    "action_done": "Klart",
    "done_yes": "Klart",
    "done_no": "Inte än",
    "no_date": "Inget datum",
    "no_actions": "Vi bestämde inga särskilda åtgärder den här gången.",
    "follow_up": "Uppföljning",
    "follow_up_text": "Vi följer upp det här tillsammans den {date}.",
    "no_follow_up": "Vi har inte bestämt något datum för uppföljning än.",
    "resources": "Vart du kan vända dig",
    "hr_contact_what": "Din kontaktperson på HR: frågor om anställning, ledighet, avtal och stöd.",
    "resources_lead": "Personer och verksamheter som kan hjälpa dig, nu eller längre fram.",
    "paths": "Vägar vi tittade på",
    "paths_lead": "Karriärvägar och steg som vi pratade om, med nästa steg för var och en.",
    "next_step": "Nästa steg",
    "read_more": "Läs mer",
    "read_more_guide": "Mer om vägen finns i karriärguiden: {title}.",
    "confidential": "Konfidentiell och oberoende rådgivning",
    "when": "När",
    "contact": "Kontakt",
    "web": "Webb",
    "about": "Om det här dokumentet",
    "statement": (
        "Den här sammanfattningen innehåller bara det som du och din chef kom överens om "
        "att skriva ner tillsammans under samtalet den {date}. Chefens egna "
        "arbetsanteckningar ingår inte. Du och din chef har var sin kopia."
    ),
    "statement.se": (
        "I en offentlig verksamhet blir dokumentet en allmän handling när det expedieras, "
        "alltså när det skickas eller lämnas över till dig. Sekretess i personalärenden kan "
        "ändå gälla för delar av det om någon begär att få läsa det."
    ),
    "statement.dk": (
        "I dansk offentlig förvaltning är personalärenden undantagna från aktindsigt "
        "(allmänhetens rätt att ta del av handlingar). Bara grunduppgifter kan lämnas ut: "
        "namn, befattning, utbildning, arbetsuppgifter, lön och anställningstid."
    ),
    "statement.other": (
        "Om något här inte stämmer med hur du minns samtalet, säg till din chef så rättar vi det."
    ),
    "signatures": "Underskrifter",
    "signatures_lead": "Vi har läst sammanfattningen och tycker att den återger vårt samtal.",
    "signature_line": "Datum och underskrift",
    "answer": "Ditt svar",
    "answer_lead": (
        "Vill du lägga till eller rätta något? Skriv det i rutan, i en PDF-läsare eller för hand "
        "på utskriften, kryssa i rutan när du har läst och lämna tillbaka bladet till din chef."
    ),
    "answer_comments": "Dina kommentarer",
    "answer_read": "Jag har läst den här sammanfattningen",
    "employee_comment": "Medarbetarens kommentar till version {version}: {text}",
    "employee_read": "Medarbetaren har läst sammanfattningen, version {version}.",
    # -- preparation ----------------------------------------------------------
    "preparation": "Förberedelse",
    "preparation_lead": "Inför samtalet: några frågor att fundera på i lugn och ro.",
    "purpose": "Vad samtalet är till för",
    "questions": "Frågor att fundera på",
    "questions_lead": (
        "Skriv gärna ner några ord under varje fråga och ta med bladet till samtalet. "
        "Du behöver inte svara på allt."
    ),
    "your_notes": "Dina anteckningar",
    "time": "Tid",
    "place": "Plats",
    "minutes": "{count} minuter",
    "answer_label": "Ditt svar på fråga {n}",
    "form_lead": (
        "Skriv dina svar i rutorna, i en PDF-läsare eller för hand på utskriften, "
        "och ta med eller skicka bladet till din chef före samtalet."
    ),
    "prep_contacts": "Om du vill prata med någon utanför arbetsplatsen",
    "prep_contacts_lead": (
        "De här rådgivarna är fristående från din arbetsgivare. Det du berättar för dem "
        "stannar hos dem, och du kan höra av dig långt innan du har bestämt något."
    ),
    "profile": "Profil",
    # -- access report --------------------------------------------------------
    "access": "Registerutdrag",
    "access_lead": (
        "Allt som chefens krypterade anteckningar (dialog_kit) innehåller om {name}, "
        "som svar på en begäran om tillgång enligt artikel 15 i dataskyddsförordningen (GDPR)."
    ),
    "access_visibility": (
        "Varje anteckning är märkt med vem som får läsa den: Privat är chefens egen "
        "arbetsanteckning, Delad kommer med i sammanfattningen till medarbetaren och HR får "
        "lämnas vidare till HR."
    ),
    "access_notes": "Anteckningar",
    "access_actions": "Åtgärder",
    "access_count": "Antal samtal: {count}",
    "access_none": "dialog_kit innehåller inga samtal med det här namnet.",
    "access_incomplete_title": "Utdraget kan vara ofullständigt.",
    "access_incomplete": (
        "Krypterade filer i chefens dialog_kit som inte gick att läsa (skadade eller "
        "krypterade med en annan nyckel): {count}. Samtal som finns i dem saknas i det här "
        "utdraget."
    ),
    "vis.private": "Privat",
    "vis.shared": "Delad",
    "vis.hr": "HR",
    "status": "Status",
    "status.planned": "Planerat",
    "status.in-progress": "Pågår",
    "status.completed": "Avslutat",
    "status.locked": "Avslutat och låst",
    "record_id": "Samtalets id",
    "guide": "Samtalsguide",
    "version": "version {version}",
    "role": "Roll",
    "birth_year": "Födelseår",
    "register": "Uppgifter i personregistret",
    "person_id": "Person-id",
    "language": "Språk",
    "profession": "Yrke",
    "employee_number": "Anställningsnummer",
    "active": "Anställd hos chefen",
    "yes": "ja",
    "no": "nej",
    "created": "Skapat",
    "updated": "Senast ändrat",
    "locked_at": "Låst",
    "ticked": "Avbockade punkter",
    "phase": "Fas",
    "visibility": "Synlighet",
    "note": "Anteckning",
    "at": "Tidpunkt",
    "carried_from": "Från ett tidigare samtal",
    "none": "Inga",
    # -- calendar -------------------------------------------------------------
    "ics_summary": "Uppföljningssamtal",
    "ics_follow_up_text": (
        "Uppföljning av samtalet den {date}: hur det går med det vi kom överens om. "
        "Hela dagen: ingen tid är bestämd än."
    ),
    "ics_invite": "Enskilt samtal",
    "ics_invite_no_time": "Enskilt samtal (tid bestäms senare)",
    "ics_when": "När: {when}",
    "ics_when_no_time": "När: {date}, tiden är inte bestämd än",
    "ics_where": "Var: {place}",
    "ics_with": "Med: {manager}",
    "ics_prepare": (
        "Förbered dig gärna: i förberedelsen finns frågor att fundera på. Du kan skriva dina "
        "svar direkt i PDF-filen eller på en utskrift och ta med dem, eller skicka dem innan. "
        "Du bestämmer själv vad du vill ta upp."
    ),
    "ics_alarm": "I morgon: enskilt samtal. Titta gärna på dina förberedelser.",
    "ics_alarm_follow_up": "I morgon: uppföljningssamtal.",
}

_DA: dict[str, str] = {
    "kind.development": "MUS-samtale",
    "kind.career-change": "Samtale om karriereskifte",
    "kind.exit": "Fratrædelsessamtale",
    "page": "Side {page} af {pages}",
    "page_word": "Side",
    "page_of": "af",
    "made_on": "Lavet {date}",
    "organisation_fallback": "Samtaledokument",
    "summary": "Opsummering",
    "summary_lead": "Det talte vi om, og det aftalte vi.",
    "draft": "Udkast",
    "final_version": "Endelig, version {version}",
    "status_draft": (
        "Udkast: samtalen er ikke afsluttet endnu, så denne opsummering kan stadig blive ændret."
    ),
    "status_final": (
        "Endelig opsummering, version {version}. Samtalen er afsluttet; det, der tilføjes "
        "senere, kommer i en ny version."
    ),
    "date": "Dato",
    "participants": "Deltagere",
    "employee": "Medarbejder",
    "manager": "Leder",
    "notes": "Det talte vi om",
    "no_notes": "Der blev ikke skrevet noter til denne opsummering.",
    "other_notes": "Øvrigt",
    "your_preparation": "Dine egne ord: din forberedelse",
    "amendments": "Tilføjet efter samtalen",
    "actions": "Det aftalte vi",
    "actions_caption": "Aftalte handlinger: hvad, hvem, hvornår og om det er gjort",
    "action_what": "Hvad",
    "action_owner": "Hvem",
    "action_due": "Hvornår",
    "action_done": "Gjort",
    "done_yes": "Gjort",
    "done_no": "Ikke endnu",
    "no_date": "Ingen dato",
    "no_actions": "Vi aftalte ingen særlige handlinger denne gang.",
    "follow_up": "Opfølgning",
    "follow_up_text": "Vi følger op på det sammen den {date}.",
    "no_follow_up": "Vi har endnu ikke aftalt en dato for opfølgning.",
    "resources": "Hvor du kan få hjælp",
    "hr_contact_what": (
        "Din kontaktperson i HR: spørgsmål om ansættelse, orlov, overenskomst og støtte."
    ),
    "resources_lead": "Personer og steder, der kan hjælpe dig, nu eller senere.",
    "paths": "Veje, vi kiggede på",
    "paths_lead": "Karriereveje og trin, vi talte om, med det næste skridt for hver.",
    "next_step": "Næste skridt",
    "read_more": "Læs mere",
    "read_more_guide": "Mere om vejen står i karriereguiden: {title}.",
    "confidential": "Fortrolig og uafhængig rådgivning",
    "when": "Hvornår",
    "contact": "Kontakt",
    "web": "Web",
    "about": "Om dette dokument",
    "statement": (
        "Denne opsummering indeholder kun det, som du og din leder aftalte at skrive ned "
        "sammen under samtalen den {date}. Lederens egne arbejdsnoter indgår ikke. Du og "
        "din leder har hver en kopi."
    ),
    "statement.se": (
        "I en svensk offentlig organisation bliver dokumentet en offentlig akt (allmän "
        "handling), når det er sendt eller givet til dig (expedierat). Tavshedspligt om "
        "personaleforhold (sekretess) kan dog stadig gælde for dele af det."
    ),
    "statement.dk": (
        "Personalesager er undtaget fra aktindsigt i den offentlige forvaltning. Kun "
        "grundoplysninger kan udleveres: navn, stilling, uddannelse, arbejdsopgaver, løn "
        "og ansættelsesperiode."
    ),
    "statement.other": (
        "Hvis noget her ikke passer med, hvordan du husker samtalen, så sig det til din "
        "leder, så retter vi det."
    ),
    "signatures": "Underskrifter",
    "signatures_lead": "Vi har læst opsummeringen og er enige om, at den gengiver vores samtale.",
    "signature_line": "Dato og underskrift",
    "answer": "Dit svar",
    "answer_lead": (
        "Vil du tilføje eller rette noget? Skriv det i feltet, i en PDF-læser eller i hånden på "
        "udskriften, sæt kryds, når du har læst den, og giv arket tilbage til din leder."
    ),
    "answer_comments": "Dine kommentarer",
    "answer_read": "Jeg har læst denne opsummering",
    "employee_comment": "Medarbejderens kommentar til version {version}: {text}",
    "employee_read": "Medarbejderen har læst opsummeringen, version {version}.",
    "preparation": "Forberedelse",
    "preparation_lead": "Før samtalen: nogle spørgsmål, du kan tænke over i ro og mag.",
    "purpose": "Hvad samtalen handler om",
    "questions": "Spørgsmål at tænke over",
    "questions_lead": (
        "Skriv gerne et par ord under hvert spørgsmål, og tag arket med til samtalen. "
        "Du behøver ikke svare på det hele."
    ),
    "your_notes": "Dine noter",
    "time": "Tidspunkt",
    "place": "Sted",
    "minutes": "{count} minutter",
    "answer_label": "Dit svar på spørgsmål {n}",
    "form_lead": (
        "Skriv dine svar i felterne, i en PDF-læser eller i hånden på udskriften, "
        "og tag arket med eller send det til din leder før samtalen."
    ),
    "prep_contacts": "Hvis du vil tale med nogen uden for arbejdspladsen",
    "prep_contacts_lead": (
        "Disse rådgivere er uafhængige af din arbejdsgiver. Det, du fortæller dem, bliver "
        "hos dem, og du kan henvende dig, længe før du har besluttet noget."
    ),
    "profile": "Profil",
    "access": "Indsigtsrapport",
    "access_lead": (
        "Alt, hvad lederens krypterede noter (dialog_kit) indeholder om {name}, som svar "
        "på en anmodning om indsigt efter artikel 15 i databeskyttelsesforordningen (GDPR)."
    ),
    "access_visibility": (
        "Hver note er mærket med, hvem der må læse den: Privat er lederens egen "
        "arbejdsnote, Delt kommer med i opsummeringen til medarbejderen, og HR må gives "
        "videre til HR."
    ),
    "access_notes": "Noter",
    "access_actions": "Handlinger",
    "access_count": "Antal samtaler: {count}",
    "access_none": "dialog_kit indeholder ingen samtaler med dette navn.",
    "access_incomplete_title": "Rapporten kan være ufuldstændig.",
    "access_incomplete": (
        "Krypterede filer i lederens dialog_kit, som ikke kunne læses (beskadigede eller "
        "krypterede med en anden nøgle): {count}. Eventuelle samtaler i dem mangler i denne "
        "rapport."
    ),
    "vis.private": "Privat",
    "vis.shared": "Delt",
    "vis.hr": "HR",
    "status": "Status",
    "status.planned": "Planlagt",
    "status.in-progress": "I gang",
    "status.completed": "Afsluttet",
    "status.locked": "Afsluttet og låst",
    "record_id": "Samtalens id",
    "guide": "Samtaleguide",
    "version": "version {version}",
    "role": "Rolle",
    "birth_year": "Fødselsår",
    "register": "Oplysninger i personregistret",
    "person_id": "Person-id",
    "language": "Sprog",
    "profession": "Fag",
    "employee_number": "Medarbejdernummer",
    "active": "Ansat hos lederen",
    "yes": "ja",
    "no": "nej",
    "created": "Oprettet",
    "updated": "Senest ændret",
    "locked_at": "Låst",
    "ticked": "Afkrydsede punkter",
    "phase": "Fase",
    "visibility": "Synlighed",
    "note": "Note",
    "at": "Tidspunkt",
    "carried_from": "Fra en tidligere samtale",
    "none": "Ingen",
    "ics_summary": "Opfølgningssamtale",
    "ics_follow_up_text": (
        "Opfølgning på samtalen den {date}: hvordan det går med det, vi aftalte. "
        "Hele dagen: der er ikke fastsat et tidspunkt endnu."
    ),
    "ics_invite": "Individuel samtale",
    "ics_invite_no_time": "Individuel samtale (tidspunkt aftales senere)",
    "ics_when": "Hvornår: {when}",
    "ics_when_no_time": "Hvornår: {date}, tidspunktet er ikke fastsat endnu",
    "ics_where": "Hvor: {place}",
    "ics_with": "Med: {manager}",
    "ics_prepare": (
        "Forbered dig gerne: i forberedelsen er der spørgsmål, du kan tænke over. Du kan "
        "skrive dine svar direkte i PDF-filen eller på en udskrift og tage dem med, eller "
        "sende dem inden. Du bestemmer selv, hvad du vil tage op."
    ),
    "ics_alarm": "I morgen: individuel samtale. Kig gerne på din forberedelse.",
    "ics_alarm_follow_up": "I morgen: opfølgningssamtale.",
}

_EN: dict[str, str] = {
    "kind.development": "Development review",
    "kind.career-change": "Career conversation",
    "kind.exit": "Exit interview",
    "page": "Page {page} of {pages}",
    "page_word": "Page",
    "page_of": "of",
    "made_on": "Made on {date}",
    "organisation_fallback": "Talk document",
    "summary": "Summary",
    "summary_lead": "What we talked about and what we agreed.",
    "draft": "Draft",
    "final_version": "Final, version {version}",
    "status_draft": "Draft: the talk is not completed yet, so this summary may still change.",
    "status_final": (
        "Final summary, version {version}. The talk is completed; anything added later comes "
        "in a new version."
    ),
    "date": "Date",
    "participants": "Who took part",
    "employee": "Employee",
    "manager": "Manager",
    "notes": "What we talked about",
    "no_notes": "No notes were written down for this summary.",
    "other_notes": "Other",
    "your_preparation": "In your own words: your preparation",
    "amendments": "Added after the talk",
    "actions": "What we agreed",
    "actions_caption": "Agreed actions: what, who, by when, and whether it is done",
    "action_what": "What",
    "action_owner": "Who",
    "action_due": "By when",
    "action_done": "Done",
    "done_yes": "Done",
    "done_no": "Not yet",
    "no_date": "No date",
    "no_actions": "We did not agree on any particular actions this time.",
    "follow_up": "Follow-up",
    "follow_up_text": "We will follow this up together on {date}.",
    "no_follow_up": "We have not set a date for the follow-up yet.",
    "resources": "Where to turn",
    "hr_contact_what": (
        "Your contact in HR: questions on employment, leave, agreements and support."
    ),
    "resources_lead": "People and services that can help you, now or later on.",
    "paths": "Paths we looked at",
    "paths_lead": "Career paths and steps we talked about, each with its next step.",
    "next_step": "Next step",
    "read_more": "Read more",
    "read_more_guide": "More about this path in the career guide: {title}.",
    "confidential": "Confidential, independent advice",
    "when": "When",
    "contact": "Contact",
    "web": "Web",
    "about": "About this document",
    "statement": (
        "This summary holds only what you and your manager agreed to write down together "
        "during the talk on {date}. Your manager's own working notes are not part of it. "
        "You and your manager each keep a copy."
    ),
    "statement.se": (
        "In a Swedish public-sector organisation this document becomes a public record "
        "(allmän handling) when it is sent or handed to you (expedierad). Personnel secrecy "
        "(sekretess) may still protect parts of it if someone asks to read it."
    ),
    "statement.dk": (
        "In Danish public administration personnel matters are exempt from public access "
        "(aktindsigt). Only basic facts can be disclosed: name, position, education, "
        "duties, pay and period of employment."
    ),
    "statement.other": (
        "If anything here is not as you remember the talk, tell your manager and we will "
        "put it right."
    ),
    "signatures": "Signatures",
    "signatures_lead": "We have read this summary and agree that it reflects our talk.",
    "signature_line": "Date and signature",
    "answer": "Your answer",
    "answer_lead": (
        "Would you like to add or correct something? Write it in the box, in a PDF reader or by "
        "hand on a printout, tick the box once you have read it, and give it back to your manager."
    ),
    "answer_comments": "Your comments",
    "answer_read": "I have read this summary",
    "employee_comment": "The employee's comment on version {version}: {text}",
    "employee_read": "The employee has read the summary, version {version}.",
    "preparation": "Preparation",
    "preparation_lead": "Before the talk: a few questions to think about in your own time.",
    "purpose": "What the talk is for",
    "questions": "Questions to reflect on",
    "questions_lead": (
        "Jot down a few words under each question if you like, and bring the sheet to the "
        "talk. You do not need to answer everything."
    ),
    "your_notes": "Your notes",
    "time": "Time",
    "place": "Place",
    "minutes": "{count} minutes",
    "answer_label": "Your answer to question {n}",
    "form_lead": (
        "Write your answers in the boxes, in a PDF reader or by hand on a printout, "
        "and bring or send the sheet to your manager before the talk."
    ),
    "prep_contacts": "If you'd like to talk to someone outside work",
    "prep_contacts_lead": (
        "These advisers are independent of your employer. What you tell them stays with "
        "them, and you can get in touch long before you have decided anything."
    ),
    "profile": "Profile",
    "access": "Access report",
    "access_lead": (
        "Everything the manager's encrypted notes (dialog_kit) hold about {name}, in answer "
        "to a request for access under Article 15 of the GDPR."
    ),
    "access_visibility": (
        "Every note is marked with who may read it: Private is the manager's own working "
        "note, Shared goes into the summary given to the employee, and HR may be passed on "
        "to HR."
    ),
    "access_notes": "Notes",
    "access_actions": "Actions",
    "access_count": "Talks found: {count}",
    "access_none": "dialog_kit holds no talks under this name.",
    "access_incomplete_title": "This report may be incomplete.",
    "access_incomplete": (
        "Encrypted files in the manager's dialog_kit that could not be read (damaged or "
        "encrypted to another key): {count}. Any talks they hold are missing from this report."
    ),
    "vis.private": "Private",
    "vis.shared": "Shared",
    "vis.hr": "HR",
    "status": "Status",
    "status.planned": "Planned",
    "status.in-progress": "In progress",
    "status.completed": "Completed",
    "status.locked": "Completed and locked",
    "record_id": "Record id",
    "guide": "Guide",
    "version": "version {version}",
    "role": "Role",
    "birth_year": "Year of birth",
    "register": "The register entry",
    "person_id": "Person id",
    "language": "Language",
    "profession": "Profession",
    "employee_number": "Employee number",
    "active": "Works for the manager",
    "yes": "yes",
    "no": "no",
    "created": "Created",
    "updated": "Last changed",
    "locked_at": "Locked",
    "ticked": "Checklist items ticked",
    "phase": "Phase",
    "visibility": "Visibility",
    "note": "Note",
    "at": "When",
    "carried_from": "Carried over from an earlier talk",
    "none": "None",
    "ics_summary": "Follow-up talk",
    "ics_follow_up_text": (
        "Follow-up of the talk on {date}: how the things we agreed are going. "
        "All day: no time has been set yet."
    ),
    "ics_invite": "One-to-one talk",
    "ics_invite_no_time": "One-to-one talk (time to be agreed)",
    "ics_when": "When: {when}",
    "ics_when_no_time": "When: {date}, the time is not set yet",
    "ics_where": "Where: {place}",
    "ics_with": "With: {manager}",
    "ics_prepare": (
        "You may like to prepare: the preparation sheet has questions to think about. You can "
        "type your answers into the PDF or write them on a printout and bring them, or send "
        "them beforehand. What you bring up is up to you."
    ),
    "ics_alarm": "Tomorrow: one-to-one talk. You may like to look at your preparation.",
    "ics_alarm_follow_up": "Tomorrow: follow-up talk.",
}

LABELS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {"sv": MappingProxyType(_SV), "da": MappingProxyType(_DA), "en": MappingProxyType(_EN)}
)


def check_lang(lang: str) -> str:
    if lang not in LANGUAGES:
        raise UsageError(
            _("Unknown language"),
            _("Documents are written in {languages}, not {lang!r}.").format(
                languages=", ".join(LANGUAGES), lang=lang
            ),
        )
    return lang


def labels(lang: str) -> Mapping[str, str]:
    """Every document label in `lang`."""
    return LABELS[check_lang(lang)]


def label(lang: str, key: str, **values: object) -> str:
    """One label in `lang`, with {placeholders} filled in."""
    text = labels(lang)[key]
    return text.format(**values) if values else text
