# ruff: noqa: E501  (lange, handgeschreven antwoorden blijven op één regel)
"""Genereer de fictieve demodata voor het pakket `coding`.

Alles in dit bestand is VERZONNEN. De antwoorden, namen, telefoonnummers en
e-mailadressen zijn met de hand geschreven voor demonstratiedoeleinden;
elke gelijkenis met bestaande personen of organisaties berust op toeval.

Gebruik (vanuit de root van de repository):

    python data/demo/build_demo.py

Schrijft:
    data/demo/enquete.csv                 (puntkomma, UTF-8 met BOM)
    data/demo/interviews/kleine_gemeente.docx
    data/demo/interviews/provincie.docx
    data/demo/interviews/waterschap.docx

Werkwijze: elk handgeschreven antwoord op de vraag over belemmeringen hoort bij
een pool (doelgroep x bestuurslaag) en bepaalt zo het profiel van één fictieve
respondent. Daarna krijgt elke respondent een passend, eveneens handgeschreven
antwoord op de vraag over vrij voelen. Er worden geen antwoorden samengesteld
uit tekstfragmenten. De uitvoer is deterministisch (random.Random(2026)).
"""

from __future__ import annotations

import csv
import io
import random
import zipfile
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
CSV_PATH = HERE / "enquete.csv"
INTERVIEW_DIR = HERE / "interviews"
SEED = 2026

AMB = "politieke ambtsdrager"
MW = "medewerker"
GEM = "gemeente"
PROV = "provincie"
WS = "waterschap"

COLUMNS = [
    "respondent_id",
    "doelgroep",
    "bestuurslaag",
    "functie",
    "geslacht",
    "leeftijdsgroep",
    "weging",
    "belemmeringen",
    "vrij_voelen",
]


def t(text: str, functie=None, geslacht=None, leeftijd=None) -> dict:
    """Antwoord met beperkingen op het profiel van de respondent.

    functie/geslacht/leeftijd: None (geen beperking), een string of een tuple
    van toegestane waarden.
    """
    def norm(v):
        if v is None:
            return None
        return (v,) if isinstance(v, str) else tuple(v)

    return {"text": text, "functie": norm(functie), "geslacht": norm(geslacht),
            "leeftijd": norm(leeftijd)}


# Functies die alleen via een expliciet getagd antwoord voorkomen (weinig
# mensen, bijzondere rol).
TOP_FUNCTIES = {
    "burgemeester": GEM,
    "commissaris van de Koning": PROV,
    "dijkgraaf": WS,
}
FUNCTIE_LAAG = {
    "raadslid": GEM, "wethouder": GEM, "burgemeester": GEM,
    "statenlid": PROV, "gedeputeerde": PROV, "commissaris van de Koning": PROV,
    "algemeen bestuurslid": WS, "dijkgraaf": WS,
}
MW_FUNCTIES = ["beleidsmedewerker", "uitvoerend medewerker", "adviseur",
               "leidinggevende", "griffiemedewerker"]

# ---------------------------------------------------------------------------
# Vraag 1: Wat belemmert u om een dilemma of kwestie met collega's te bespreken?
# ---------------------------------------------------------------------------

B_POOLS: dict[tuple, list] = {}

# Politieke ambtsdragers, elke bestuurslaag (volksvertegenwoordigers en
# collegeleden; geen burgemeester/CdK/dijkgraaf).
B_POOLS[(AMB, None)] = [
    "Ik weet nooit zeker of iets binnen de fractie blijft, voor je het weet staat het in de krant.",
    "angst dat het politiek tegen me wordt gebruikt",
    "De oppositie wacht alleen maar op een fout, dus je laat liever niks zien.",
    "Alles wat je zegt kan tegen je gebruikt worden. Dat is politiek, maar het maakt open bespreken wel lastig.",
    "Media. Een dilemma delen voelt als een risico dat het morgen online staat.",
    "Binnen de coalitie is er weinig ruimte voor twijfel, je moet loyaal zijn aan het akkoord",
    "De verhoudingen tussen de fracties zijn zo verhard dat je niet snel iets deelt met iemand van een andere partij.",
    "Ik ben nieuw en weet eerlijk gezegd niet goed bij wie ik terecht kan met dit soort vragen.",
    "Wie moet ik het vragen? De griffier? De voorzitter? Niemand heeft dat ooit uitgelegd.",
    "Fractiediscipline. Als je twijfels uit word je gezien als iemand die niet meedoet.",
    "mijn positie op de kieslijst",
    t("Bang om als zeurpiet gezien te worden, zeker als enige vrouw in de fractie", geslacht="vrouw"),
    "Er is nooit tijd voor, de vergaderingen gaan alleen over dossiers en niet over hoe we met elkaar omgaan.",
    "Ik heb het een keer aangekaart bij de voorzitter, die zei dat hij het zou oppakken. Daarna is het stil gebleven. Dan ga je het de volgende keer niet meer doen.",
    "Er wordt achter je rug om gepraat",
    "Het is een klein wereldje, iedereen kent iedereen en alles komt uit.",
    "Dilemma's worden al snel een politiek spelletje. Je bedoelt het oprecht maar het wordt uitgelegd als aanval op de coalitie of juist als zwakte.",
    "De angst dat je eigen partij je laat vallen als het gevoelig ligt",
    "Geen idee of wat ik bespreek vertrouwelijk blijft, er is geen heldere afspraak over.",
    "weinig vertrouwen tussen coalitie en oppositie",
    "Je wilt niet de indruk wekken dat je zelf iets fout hebt gedaan. Een vraag stellen wordt al snel gezien als bekentenis.",
    "De integriteitsregels zijn ingewikkeld en de toelichting komt altijd pas achteraf. Niemand die je vooraf even helpt.",
    "Soms voel ik me de enige die iets een probleem vindt, de rest haalt zijn schouders op.",
    "Ik twijfel of het zin heeft. Vorige periode is er een melding geweest over een nevenfunctie en daar is nooit meer iets over gezegd.",
    "niet iedereen is even discreet",
    "Wat mij belemmert is dat er een cultuur is van 'niet moeilijk doen'. Als je een vraag stelt over belangenverstrengeling kijken mensen je aan alsof je ze beschuldigt.",
    "Sociale media, je bent zo een hetze verder",
    "Ik ben bang dat het me mijn plek kost bij de volgende verkiezingen.",
    "De vertrouwenspersoon voor politieke ambtsdragers is dezelfde als die voor het personeel, dat voelt niet goed.",
    "Er is geen vertrouwenspersoon voor ons als volksvertegenwoordigers, alleen voor ambtenaren.",
    "tijd. naast mijn baan doe ik dit werk in de avonden en dan schiet zoiets erbij in",
    "ik ben parttime politicus, heb een gewone baan ernaast. je ziet elkaar eigenlijk alleen bij vergaderingen, dan is er geen moment voor zoiets",
    "Mensen van andere partijen zijn snel geneigd om er een politieke kwestie van te maken.",
    "Vroeger kon je na afloop van de vergadering nog wat drinken en dingen informeel bespreken. Sinds corona is dat weg en zie je elkaar alleen nog op het scherm.",
    "het gevoel dat het toch bij de pers belandt",
    "Soms de voorzitter zelf, die is niet altijd neutraal.",
    "Loyaliteit naar de partij gaat voor. Als iets de partij kan schaden, wordt er liever over gezwegen.",
    "Niets. Ik bespreek alles openlijk binnen de fractie en dat gaat prima.",
    "Dat het vaak gaat over mensen die je goed kent. Dan bespreek je het liever niet, je wilt geen onrust.",
    "dat je het probleem wordt i.p.v. degene die de fout maakte",
    "Er heerst een afrekencultuur. Fouten worden genadeloos uitgebuit, zeker in verkiezingstijd.",
    "Eerlijk gezegd: ik weet het niet goed. Misschien schaamte, het voelt alsof je toegeeft dat je het zelf niet weet.",
    "Onduidelijk wat er gebeurt als je iets meldt. Wie krijgt het te zien? Gaat het naar de voorzitter? De partij?",
    "de ervaring van een collega die iets aankaartte en daarna gewoon werd weggezet als lastpak",
    "Ik heb ooit een bedreiging gemeld en toen kreeg ik te horen dat dat 'erbij hoort'. Sindsdien meld ik niet meer.",
    "Dat er eigenlijk nooit over integriteit gesproken wordt, alleen als het al misgegaan is.",
    "Iedereen houdt de kaarten tegen de borst.",
    "Een collega-volksvertegenwoordiger heeft een keer iets vertrouwelijks dat ik had verteld in een debat gebruikt. Sindsdien ben ik heel voorzichtig.",
    "Hiërarchie in de fractie, als nieuweling zeg je niet snel wat",
    "als nieuwkomer weet je niet hoe de mores zijn",
    "Dat het gesprek over integriteit vooral juridisch wordt gevoerd. Het gaat om regels, niet om twijfels.",
    "Ik bespreek zulke dingen eigenlijk alleen met mijn partner, daar voel ik me veilig.",
    "Partijbelang gaat voor openheid.",
    "Er is weinig onderling vertrouwen, de sfeer is de laatste jaren echt verslechterd",
    "bang voor lekken",
    "Geen, ik ervaar geen belemmeringen.",
    "Het vraagt moed en die heb ik niet altijd, zeker niet als het gaat om iemand met veel invloed.",
    "te veel politieke belangen",
    "Dat je niet weet wat de ander ermee doet. Het kan zomaar een wapen worden.",
    "Het is niet duidelijk wat wel en niet mag met nevenfuncties en giften, dus je weet ook niet of je dilemma een echt dilemma is of dat je gewoon zeurt.",
    "Dat dilemma's vaak over de eigen partij gaan en dan voel je je een verrader.",
    "De sfeer in de vergadering is vaak vijandig, mensen vallen elkaar persoonlijk aan. Dan ga je niet je twijfels op tafel leggen.",
    "Geen vaste plek of moment om het te bespreken, het moet altijd tussendoor.",
    "Het politieke spel. Ik kom uit het bedrijfsleven en was gewend dat je een probleem op tafel legt en samen oplost. Hier wordt alles wat je zegt gewogen: wie heeft er baat bij, kan het tegen je gebruikt worden, wat doet de oppositie ermee, wat schrijft de krant. Dat maakt mij heel voorzichtig, en ik merk dat ik daardoor ook minder open ben dan ik zou willen.",
    "bijv. als het over een fractiegenoot gaat, wie ga je dan bellen? de partij? die wil vooral geen gedoe",
    "Wantrouwen. Er zijn de afgelopen periode dingen gelekt uit besloten vergaderingen en niemand weet door wie.",
    "ik ben bang dat mijn woorden uit de context worden gehaald",
    "Ik ben geen jurist en heb het gevoel dat ik er te weinig van weet om er iets zinnigs over te zeggen.",
    "Mijn fractievoorzitter doet er altijd lacherig over. Integriteit is voor hem iets voor 'de anderen'.",
]

# Politieke ambtsdragers, gemeente.
B_POOLS[(AMB, GEM)] = [
    "In een kleine gemeente kent iedereen elkaar, ook buiten de raad. Als ik iets bespreek weet het halve dorp het de volgende dag.",
    "De burgemeester is ook de integriteitsbewaker, maar hij zit er ook bij als het over ons gaat. Bij wie moet je dan heen als het over de burgemeester zelf gaat?",
    "het college en de raad staan te ver van elkaar af",
    t("Ik zit in de oppositie, als ik iets aankaart wordt het gezien als politiek spel. Dus hou ik het maar voor me.", functie="raadslid"),
    "In de raad wordt alles meteen uitvergroot. Een vraag over een nevenfunctie werd vorig jaar een hele rel.",
    "dat de griffier ook gewoon in het gemeentehuis zit en met iedereen koffie drinkt, echt onafhankelijk voelt het niet",
    t("angst om de wethouder van mijn eigen partij te beschadigen", functie="raadslid"),
    t("Als wethouder ben je constant zichtbaar. Twijfel tonen wordt door de raad gezien als zwakte en door de oppositie direct gebruikt.", functie="wethouder"),
    t("Collegiaal bestuur is mooi, maar het betekent ook dat je elkaar niet afvalt. Dan bespreek je een dilemma over een collega-wethouder niet zo snel.", functie="wethouder"),
    t("De lokale pers. Eén verkeerd woord en het staat in het weekblad.", functie="wethouder"),
    t("Als burgemeester ben ik zelf het aanspreekpunt voor integriteit, maar bij wie kan ik zelf terecht? Met de commissaris van de Koning bespreek je niet zomaar alles.", functie="burgemeester"),
    t("Eenzaamheid van de functie. Ik moet boven de partijen staan, dus ik kan moeilijk met een raadslid of wethouder sparren over een dilemma.", functie="burgemeester"),
    "De lokale politiek is een ons-kent-ons wereldje, je komt elkaar tegen bij de voetbal en de supermarkt.",
    "wij zijn een lokale partij en hebben geen landelijke partij achter ons. Dan heb je ook geen integriteitscommissie of iemand die je kan helpen",
    "De fractievoorzitter beslist wat besproken wordt, als je het er niet mee eens bent hoor je er niet meer bij.",
    "Na de vorige integriteitskwestie in de raad is er een enorme argwaan ontstaan. Niemand vertrouwt elkaar nog.",
    "Een integriteitsmelding over een wethouder is vorig jaar helemaal doodgebloed. Onderzoek duurde maanden en er kwam niets uit. Waarom zou ik nog iets melden?",
    t("geen idee bij wie ik moet zijn als raadslid. de vertrouwenspersoon is voor ambtenaren", functie="raadslid"),
    "de raadsvergadering is geen plek voor twijfel, het is een arena",
    t("Dat je als raadslid ook gewoon buurman bent van de mensen waar het om gaat.", functie="raadslid"),
    t("Ik durf het niet met de wethouder te bespreken want die heeft veel invloed op mijn partij.", functie="raadslid"),
    t("Mijn ondernemerschap. Ik heb een bedrijf in de gemeente en als ik vragen stel over aanbestedingen denkt iedereen meteen dat ik er zelf belang bij heb.", functie="raadslid"),
    "Meldingen bij de burgemeester blijven liggen. Ik heb twee keer iets aangegeven over het gedrag van een collega-raadslid, geen reactie.",
    "Het presidium pakt niets op. Er wordt gepraat, er komt een brief, en dan is het weer klaar.",
    "Dat er over ons gepraat wordt in de Facebookgroepen van het dorp",
    "angst voor bedreigingen en intimidatie, zeker sinds de discussie over het azc",
    "De raad is verdeeld in kampen. Je bent voor of tegen, iets daartussen is er niet.",
    "In onze raad wordt er veel geroddeld, ook door raadsleden over elkaar in de wandelgangen.",
    t("Ik heb het idee dat het college liever niet heeft dat raadsleden dingen bespreken. Alles moet via de formele weg.", functie="raadslid"),
    t("Gebrek aan vertrouwen in het college. Er is te vaak iets achtergehouden voor de raad.", functie="raadslid"),
    t("weinig ervaring, ik zit pas een jaar in de raad", functie="raadslid"),
    t("Tijdgebrek. Raadswerk doe je erbij, de stukken lezen kost al al mijn avonden.", functie="raadslid"),
    "Als je iets zegt over een collega-raadslid uit je eigen fractie ben je een verrader, zeg je iets over iemand van een andere fractie dan is het politiek.",
    "de burgemeester is zelf partij in veel kwesties",
    "Ik weet niet of de griffie dingen doorvertelt aan het college",
    t("Wij hebben een kleine fractie van twee personen. Als het over mijn fractiegenoot gaat heb ik eigenlijk niemand.", functie="raadslid"),
    t("een keer iets gevraagd aan de griffier over een mogelijke belangenverstrengeling, binnen een week wist de halve raad ervan", functie="raadslid"),
    "Het lijkt alsof integriteit vooral een wapen is geworden in de raad. Er worden integriteitsvragen gesteld om mensen te beschadigen, niet om het goede gesprek te voeren.",
    "Mensen nemen het persoonlijk op. Als je een vraag stelt over een wethouder, voelt die zich aangevallen en dat merk je daarna maanden.",
    "de gemeente is te klein, er is geen afstand",
    t("Ik ben bang dat de wethouder mij het leven zuur gaat maken bij mijn eigen dossiers.", functie="raadslid"),
    t("Dat het college een front vormt en raadsvragen afdoet als wantrouwen", functie="raadslid"),
    t("Het ambt brengt mee dat iedereen naar jou kijkt. Als ik twijfel uit over een dilemma wordt dat al snel gelezen als een oordeel.", functie="burgemeester"),
    "De gemeentesecretaris en de burgemeester zijn samen het integriteitsloket. Dat is voor raadsleden niet laagdrempelig.",
    "Er is in onze raad geen gewoonte om het over dilemma's te hebben. We hebben één keer een training gehad, in 2019.",
    "lokale kranten, lokale omroep, facebook. alles komt uit",
    "Als er een melding is geweest over een raadslid, wordt dat vervolgens in de raad breed uitgemeten. Dat schrikt af.",
    t("Ik ben raadslid voor een kleine partij, we worden niet serieus genomen. Dus ook mijn zorgen niet.", functie="raadslid"),
    t("Wethouders zijn vaak niet bereikbaar voor een informeel gesprek, alles gaat via hun secretariaat", functie="raadslid"),
    t("Het feit dat de wethouders ook nog steeds invloed hebben op de fractie. Je kunt niet vrijuit praten in de fractievergadering als de wethouder ernaast zit.", functie="raadslid"),
    "Onduidelijke rol van de griffie. Is die er voor de raad of voor het college?",
    "Ik heb ooit iets gemeld bij de burgemeester over een collega. Die collega wist een dag later dat ik het was.",
    "dorpscultuur",
    "Verkiezingen komen eraan, dan ligt alles gevoeliger en zegt niemand iets.",
    t("Sommige raadsleden zitten er al twintig jaar. Die bepalen de sfeer en daar ga je als jonkie niet tegenin.", functie="raadslid", leeftijd="18-34"),
    "Het idee dat je een 'verlinker' bent als je met een kwestie over de eigen fractie naar de burgemeester gaat.",
    t("Als raadslid met een migratieachtergrond merk ik dat mijn vragen anders worden ontvangen. Dan denk je wel twee keer na voordat je iets aankaart.", functie="raadslid"),
    t("Geen vertrouwen in de voorzitter van de raad", functie="raadslid"),
    "Bij ons in de gemeente wordt er altijd gezegd 'dat lossen we onderling wel op'. Meldingen bestaan eigenlijk niet.",
    "Ik heb een andere mening dan de meerderheid in mijn fractie over de woningbouwplannen en word daar nu op afgerekend.",
    "Ik ben bang dat het mijn relatie met de ambtenaren schaadt, ik heb ze nodig voor informatie.",
    "Sinds de bestuurscrisis vorig jaar is de sfeer in de raad totaal verziekt.",
    t("wethouder Pietersen neemt alles heel persoonlijk, daar kan je niks mee bespreken", functie="raadslid"),
    "fractie is gewoon niet veilig, er lekt alles naar de lokale krant",
    "ik wil niet degene zijn die de coalitie laat vallen",
    t("Wij zijn een kleine gemeente en ik ben zowel raadslid als voorzitter van de lokale ondernemersvereniging. Ik weet dat dat soms schuurt. Als ik daar een vraag over stel aan de griffier, vraag ik me af of het niet direct bij de burgemeester ligt, en die is weer een goede bekende van de wethouder met wie ik het vaak oneens ben. Zo zit alles met elkaar verknoopt.", functie="raadslid"),
    t("Als ik als wethouder een twijfel heb over een grondtransactie en ik bespreek die in het college, ligt het binnen de kortste keren bij de fracties. Dus regel ik het liever met de ambtenaren.", functie="wethouder"),
    "ivm de gemeenteraadsverkiezingen ligt alles nu extra gevoelig",
]

# Politieke ambtsdragers, provincie.
B_POOLS[(AMB, PROV)] = [
    t("Als Statenlid zie je elkaar maar een paar keer per maand. Je kent elkaar eigenlijk te weinig om zoiets te bespreken.", functie="statenlid"),
    "Statenwerk is voor mij een bijbaan, er is simpelweg geen tijd om naast de vergaderingen nog gesprekken te voeren.",
    t("De afstand tussen Staten en GS is groot. Ik weet niet hoe ik een kwestie over een gedeputeerde zou moeten aankaarten.", functie="statenlid"),
    "Onduidelijk wie het aanspreekpunt is: de CdK, de griffier, de fractievoorzitter?",
    t("De commissaris is het aanspreekpunt voor integriteit, maar die staat voor mijn gevoel erg ver weg van ons als Statenleden.", functie="statenlid"),
    "wantrouwen tussen de fracties in de Staten, vooral sinds de laatste verkiezingen met veel nieuwe partijen",
    "Nieuwe fracties hebben weinig ervaring en er wordt smalend gedaan als wij vragen stellen over integriteit.",
    "Een melding over een Statenlid die ik heb gedaan is na een gesprek met de CdK afgedaan. Niemand heeft me verteld wat er mee gebeurd is.",
    "De provincie is groot, je bent ver weg van de achterban en toch kan alles via sociale media worden opgeblazen.",
    t("Als gedeputeerde ben je onderdeel van een college met collega's van andere partijen. Een dilemma over een collega-gedeputeerde bespreken voelt als de coalitie ondermijnen.", functie="gedeputeerde"),
    t("De lobby rond grote dossiers als stikstof is heftig. Praat je over een dilemma, dan ligt het op straat bij belangengroepen.", functie="gedeputeerde"),
    t("Je wordt scherp gevolgd door de Staten en de pers, dus je houdt je twijfels liever binnen je eigen kamer.", functie="gedeputeerde"),
    t("In mijn rol ben ik zelf het aanspreekpunt. Voor mijn eigen dilemma's is er weinig, hooguit een collega-commissaris of het ministerie.", functie="commissaris van de Koning"),
    "fractiediscipline in de staten",
    "Er is bij de provincie weinig aandacht voor integriteit van Statenleden, alles gaat over de ambtelijke organisatie.",
    "Ik heb de indruk dat meldingen bij de griffie eerst langs de CdK gaan, dus daar meld ik niets over mijn eigen fractie.",
    "Dat het altijd over het stikstofdossier gaat en iedereen in de loopgraven zit.",
    "De boerenprotesten hebben veel gedaan. Sinds de bedreigingen hou ik mijn twijfels voor mezelf.",
    "Iedere fractie werkt op haar eigen eiland in het provinciehuis.",
    "Gewoon geen moment. We zien elkaar bij de commissie en de Statenvergadering en dan is iedereen weer weg.",
    "ik weet niet bij wie ik terecht kan als ik bijvoorbeeld twijfel over een geschenk van een bedrijf",
    t("Als oppositiepartij in de Staten word je niet vertrouwd door de coalitie, dus wat je ook zegt wordt verdacht gevonden.", functie="statenlid"),
    "De statengriffie is prima, maar het blijft onduidelijk wat vertrouwelijk is en wat niet.",
    "bang om mijn plek op de lijst te verliezen, de partij is heel gevoelig voor negatieve publiciteit",
    t("Er is een Statenlid van een andere fractie dat mij herhaaldelijk kleineert. Melden durf ik niet want dan word ik de zeur.", functie="statenlid"),
]

# Politieke ambtsdragers, waterschap.
B_POOLS[(AMB, WS)] = [
    "In het waterschap zitten geborgde zetels voor boeren en natuurterreinen. De belangen lopen door elkaar en je wilt niemand tegen je in het harnas jagen.",
    "Het algemeen bestuur komt maar een keer per maand bij elkaar, je kent de anderen nauwelijks.",
    "Bij het waterschap is integriteit geen onderwerp. Het gaat over dijken en heffingen, niet over dilemma's.",
    t("Als dijkgraaf ben ik voorzitter van beide besturen en aanspreekpunt voor integriteit. Voor mijn eigen twijfels heb ik eigenlijk geen collega in de buurt.", functie="dijkgraaf"),
    t("Ik wil als voorzitter onafhankelijk blijven. Een dilemma delen met een AB-lid kan als partijkiezen worden gezien.", functie="dijkgraaf"),
    "Weinig zicht op wie de vertrouwenspersoon is voor het bestuur. Ik denk dat er geen is.",
    "Als agrariër in het AB word ik snel beschuldigd van eigen belang, ook als ik gewoon een vraag stel. Dus zeg ik liever niks.",
    "De geborgde zetels vormen een blok, daar kom je als gekozen lid niet tussen.",
    "De secretaris-directeur bepaalt veel, als je daar vragen over stelt ben je lastig.",
    "in het waterschap kent iedereen elkaar van de landbouworganisatie, alles gaat via via",
    "Onze waterschapspartij is klein, ik heb niemand om mee te sparren.",
    "Ik heb vorig jaar een zorg geuit over een aanbesteding voor een gemaal. Nooit iets meer over gehoord.",
    "Het DB en het AB zijn twee werelden. Het DB deelt weinig en het AB mag vooral instemmen.",
    "Er is geen cultuur van tegenspraak in het AB, alles gaat met algemene stemmen.",
    "bang dat het me mijn bestuursfunctie bij de agrarische vereniging kost",
    "De waterschapsverkiezingen trekken weinig aandacht, dus alles wat misgaat valt extra op in de regionale krant.",
    "Mijn achterban zijn boeren en die hebben andere belangen dan de natuurorganisaties in het bestuur. Als ik een dilemma bespreek, wordt het meteen een belangenstrijd.",
    "Onbekend met de regels. Het waterschap heeft een gedragscode maar die heb ik nooit goed uitgelegd gekregen.",
    "Je wil de goede verhoudingen in het bestuur niet verstoren, we moeten nog jaren samen",
    "Heemraden en dijkgraaf vormen een hecht clubje, daar krijg je als AB-lid geen vertrouwen van.",
]

# Medewerkers, elke bestuurslaag.
B_POOLS[(MW, None)] = [
    "geen vertrouwen in mijn leidinggevende",
    "Ik weet niet of het binnen het team blijft.",
    "Mijn leidinggevende is zelf onderdeel van het probleem. Bij wie moet ik dan?",
    "HR is er voor de organisatie, niet voor de medewerker",
    "Tijdelijk contract. Als ik nu moeilijk ga doen kan ik het verlengen wel vergeten.",
    "Angst voor mijn beoordeling",
    "Het MT wil het niet horen, problemen worden weggewuifd.",
    "In ons team wordt veel geroddeld, ik wil niet dat mijn verhaal het volgende onderwerp is bij de koffie.",
    "Ieder voor zich, iedereen heeft het te druk met zijn eigen projecten.",
    "Werkdruk, er is gewoon geen tijd om even stil te staan bij zoiets.",
    "ik weet niet wie de vertrouwenspersoon is",
    "vertrouwens persoon is onbekend",
    "Er is bij ons een afdeling die als 'de club van de directeur' wordt gezien. Als je daar iets over zegt lig je eruit.",
    "De vorige keer dat iemand iets aankaartte, werd die persoon overgeplaatst. Dat zegt genoeg.",
    "Ik heb een melding gedaan over ongewenst gedrag van een collega. HR zei dat ze het zouden onderzoeken, ik heb er nooit meer iets van gehoord. Die collega zit nog gewoon naast me.",
    "Dat je als zeurpiet wordt gezien",
    "Mijn manager reageert vaak defensief als je iets aankaart, dan houd je het de volgende keer voor je",
    "Er is geen open cultuur. We doen alsof we open zijn maar als het erop aankomt wordt er niks gezegd.",
    "Thuiswerken. Ik zie mijn collega's eigenlijk alleen nog via Teams en dan bespreek je dit soort dingen niet.",
    "Het is onduidelijk wat er gebeurt als je iets meldt. Gaat het meteen een formeel traject in? Dat wil ik niet altijd.",
    "Loyaliteit aan collega's. Je wilt niemand verraden.",
    "mensen kletsen",
    "het hangt erg af van de leidinggevende en die wisselt om het jaar",
    "Onze afdeling heeft al drie reorganisaties gehad. Iedereen is bezig met zijn eigen plek.",
    "Politiek gevoelige dossiers. Als het om een bestuurder gaat, wordt er van bovenaf gezegd dat we niets moeten zeggen.",
    "De angst dat het mijn carrière schaadt.",
    t("Ik ben jong en nieuw. Oudere collega's nemen me niet serieus als ik zeg dat iets volgens mij niet klopt.", leeftijd="18-34"),
    "als flexwerker/inhuur heb je niks te zeggen",
    "Ik ben ingehuurd via een detacheringsbureau, ik kan zo weer weg. Dat weerhoudt me wel.",
    "Het MT is ver weg en heeft geen idee wat er op de werkvloer speelt.",
    "In mijn vorige functie heb ik een integriteitskwestie gemeld en dat heeft mij uiteindelijk mijn baan gekost. Dat wil ik niet nog een keer meemaken.",
    "Mijn leidinggevende Jan de Vries is heel joviaal maar vertelt alles door aan zijn eigen leidinggevende. Daar pas ik voor op.",
    "Dat meldingen niet anoniem kunnen.",
    "Integriteit wordt bij ons vooral gezien als iets van de compliance-afdeling, niet als iets wat we samen bespreken.",
    "Een collega is een keer gaan praten met de vertrouwenspersoon en die heeft het vervolgens met HR besproken zonder toestemming.",
    "Veel collega's zijn bang. Er is een sfeer van 'hou je mond en doe je werk'.",
    "geen tijd, te veel werk",
    "Dat je afhankelijk bent van je leidinggevende voor je beoordeling en je contract.",
    "het management zit op een eilandje",
    "Niks, ik bespreek het gewoon met mijn collega's.",
    "Er is niet echt iets wat me belemmert, maar het onderwerp komt gewoon nooit ter sprake.",
    "Collega's die altijd alles beter weten en je afkappen.",
    "Als je een andere mening hebt dan het MT word je niet meer uitgenodigd voor de leuke projecten.",
    "Meldingen verdwijnen in een la.",
    "wordt toch niks mee gedaan",
    "Heeft geen zin. zie vorige keer",
    "Het voelt als klikken.",
    "Ik wil mijn collega's niet in de problemen brengen.",
    "Wantrouwen tussen afdelingen.",
    "de afdeling HR is niet discreet, dat weet iedereen hier",
    "Er zijn een paar 'oudgedienden' die de dienst uitmaken op de afdeling. Als je tegen hen ingaat ben je de klos.",
    "Het team is erg hecht en als nieuwkomer val je er een beetje buiten. Dan is het lastig om iets aan te kaarten.",
    "Weet niet goed hoe ik het moet brengen zonder dat het een beschuldiging wordt.",
    "Schaamte, misschien heb ik het zelf ook verkeerd gedaan.",
    "Onduidelijkheid over wat wel en niet mag. Dan twijfel je of het wel een dilemma is.",
    "Mijn teamleider is vaak afwezig, en als hij er is heeft hij geen tijd",
    "Soms weet ik niet zeker of iets een integriteitskwestie is of gewoon een verschil van mening, en dan laat ik het maar.",
    "vertrouwen in het management is weg na de laatste reorganisatie",
    "Ik heb het een keer gemeld bij mijn leidinggevende maar die zei dat ik het vooral niet groter moest maken dan het was. Dat was het dan.",
    "Er wordt gezegd dat je altijd bij het MT terecht kan, maar de praktijk is anders. De deur staat open maar niemand luistert.",
    "Ik zit op een afdeling waar iedereen elkaar al twintig jaar kent. Die dekken elkaar.",
    "Het gevoel dat je de boel verraadt.",
    "Angst voor gedoe.",
    "Bang dat collega's me gaan mijden",
    "dat het niet vertrouwelijk blijft",
    "Onze vertrouwenspersoon is ook mijn directe collega. Dat is gewoon niet handig.",
    "De vertrouwenspersoon is iemand van de eigen organisatie, ik zou liever een externe hebben.",
    "geen idee waar ik moet melden. Het meldpunt is er wel maar waar vind je het?",
    "intranet is een doolhof, kan de regeling niet eens vinden",
    "Het is een cultuur van ja-knikken.",
    "Er is geen ruimte voor kritiek, de directeur wil positieve verhalen horen.",
    "Te hiërarchisch. Alles moet via de lijn en de lijn houdt het tegen.",
    "Een melding doen voelt als een heel zwaar middel. Ik wil gewoon even sparren, maar daar is geen plek voor.",
    "Ik heb gezien hoe het een collega verging die een melding deed over fraude. Zij is uiteindelijk zelf met ziekteverlof gegaan en vertrokken.",
    "Het is heel erg wij (ambtenaren) tegen zij (bestuur). Dilemma's over het bestuur bespreek je daarom niet.",
    "Dat men het snel persoonlijk opvat.",
    "Mensen zijn snel beledigd.",
    "De sfeer op de afdeling is niet goed. Er zijn kliekjes.",
    "klieks op de afdeling",
    "Als je iets aankaart, ben jij daarna degene die het moet oplossen. Dus zeg je niks.",
    "ik wil niet overkomen als iemand die problemen maakt",
    "Ik werk parttime en mis veel overleggen, ik heb niet het gevoel dat ik er echt bij hoor.",
    "De taal. Nederlands is niet mijn moedertaal en het is moeilijk om zoiets gevoeligs goed uit te leggen.",
    t("dat ik me niet serieus genomen voel als vrouw in een technische omgeving", geslacht="vrouw"),
    "Het gaat vaak om mensen hoger in de organisatie. Dan ben je wel voorzichtig.",
    "Dat je het probleem wordt. Dat heb ik echt eerder gezien, degene die de melding doet wordt weggezet als onrustzaaier en de persoon over wie het gaat blijft gewoon zitten.",
    "bang om fouten toe te geven",
    "Teamleider is een vriend van de persoon waar het om gaat",
    "Dat collega's onderling elkaar de hand boven het hoofd houden.",
    "Er is geen gewoonte om hierover te praten. Het wordt als ongemakkelijk ervaren.",
    "Voor je het weet is er een onderzoek, en dat wil je voor je collega ook niet.",
    "ik ben te nieuw",
    "Te weinig kennis over wat er mag en wat niet.",
    "Bij ons op de afdeling wordt elk probleem direct opgeschaald naar de directeur. Dan denk je wel twee keer na voor je iets zegt.",
    "Dat er niets mee gebeurt. In de medewerkerstevredenheidsonderzoeken staat elk jaar hetzelfde en er verandert niets.",
    "het zoveelste onderzoek, er komen rapporten maar er gebeurt niks mee",
    "Dat ik niet weet of mijn melding echt anoniem blijft. Ons team is klein, ze raden het toch wel.",
    "Kleine organisatie, klein team. Het is al snel duidelijk wie wat gezegd heeft.",
    "Mijn leidinggevende heeft een keer in een teamoverleg verteld wat ik hem onder vier ogen had gezegd. Nooit meer.",
    "Het gaat vaak over mensen met wie je dagelijks moet samenwerken. Dat maakt het lastig, je moet daarna verder.",
    "mgt luistert niet",
    "De ombudsfunctie is wegbezuinigd, er is alleen nog een mailadres.",
    "Als je bij P&O komt wordt het direct formeel. Ik wil gewoon een keer met iemand kunnen praten zonder dat er een dossier ontstaat.",
    "Spanningen in het team, er zijn twee kampen",
    "Onwelkome meningen worden afgestraft, bijvoorbeeld door je buiten overleggen te houden.",
    "Ik zou het niet weten. Misschien dat ik het gewoon niet gewend ben.",
    "Nee, eigenlijk niets. Ik bespreek alles met mijn teamleider.",
    "Geen belemmeringen, het is bij ons goed geregeld.",
    t("Ik ben zelf leidinggevende en merk dat medewerkers dingen niet tegen mij zeggen. Bij wie ik zelf terechtkan is eigenlijk onduidelijk.", functie="leidinggevende"),
    t("Als leidinggevende moet je het goede voorbeeld geven. Twijfel delen met je eigen team voelt dan ongemakkelijk, en mijn collega-leidinggevenden zijn vooral met hun eigen afdeling bezig.", functie="leidinggevende"),
    t("In het MT is het elk voor zich, iedereen verdedigt zijn eigen budget.", functie="leidinggevende"),
    t("Als teamleider zit je tussen directie en team in. Wat je naar boven brengt wordt al snel gezien als kritiek op het beleid.", functie="leidinggevende"),
    "Mijn leidinggevende zit in hetzelfde voetbalteam als de man waar het om gaat.",
    t("Het is een mannenbolwerk hier, ik voel me niet gehoord.", geslacht="vrouw"),
    "dat het uitkomt bij de persoon waar het over gaat",
    "Angst voor de reactie van mijn collega's.",
    "Er is op papier een regeling maar niemand weet hoe het werkt",
    "Er hangt een poster bij de lift met een telefoonnummer van een meldpunt. Daar bel je toch niet zomaar naar?",
    "Ik vind het eng om mensen aan te spreken, ik ben vrij introvert.",
    "Soms ook gewoon luiheid, dan laat je het maar gaan.",
    "Organisatie is te groot, je weet niet wie wat doet.",
    "Leidinggevende heeft zijn favorieten.",
    "vriendjespolitiek",
    "De directeur heeft een keer publiekelijk gezegd dat 'klokkenluiders nestbevuilers zijn'. Dat zegt eigenlijk alles.",
    "er is 1 vertrouwenspersoon voor 800 medewerkers en die zit ook nog in de OR",
    "Geen duidelijke lijn. De ene leidinggevende zegt dit, de andere dat.",
    "Het idee dat het toch in mijn personeelsdossier belandt.",
    "Ik heb ervaren dat mijn leidinggevende mij een slechtere beoordeling gaf nadat ik kritiek had geuit op een besluit. Direct bewijs heb ik niet maar de timing was opvallend.",
    "te veel verloop in het team, je bouwt geen band op",
    "Er zijn veel externen en inhuurkrachten. Je weet niet wie loyaal aan wie is.",
    "Je wordt snel als negatief gezien.",
    "Het gaat altijd over targets en productie, niet over hoe we werken.",
    "We hebben het nooit over integriteit. Alleen als er in de krant iets staat over een andere organisatie.",
    "zolang de top het verkeerde voorbeeld geeft heeft het geen zin",
    "De top doet zelf niet wat ze preken, dus waarom zou ik iets aankaarten?",
    "Mijn leidinggevende is eigenlijk altijd aan het vergaderen. Tussen twee afspraken door even vragen kan, maar zo'n gesprek voer je niet in vijf minuten.",
    "Er zijn veel mensen die al lang hier werken en vinden dat 'het altijd zo gegaan is'. Nieuwe ideeën over hoe het beter kan worden niet gewaardeerd.",
    "Angst om ontslagen te worden",
    "Ik ben een keer boos aangesproken door een collega omdat ik iets had gemeld over haar declaraties. Sindsdien zeg ik niks meer.",
    "Het is niet duidelijk wie er bij het integriteitsbureau werkt, er hangen geen gezichten aan.",
    "De integriteitscoördinator is ook de jurist die de organisatie bij conflicten met medewerkers vertegenwoordigt. Dat wringt.",
    "Het team is verdeeld na een conflict vorig jaar. Niemand praat nog echt met elkaar.",
    "teveel gedoe voor iets kleins",
    "gebrek aan veiligheid",
    "niet veilig genoeg",
    "psychologische veiligheid ontbreekt",
    "Als je het aankaart, ben je de volgende in de reorganisatie.",
    "Ik heb mijn leidinggevende een keer gemaild over een kwestie (m.bakker@example.com). Geen antwoord, ook niet na een herinnering.",
    "Collega's die na werktijd samen gaan borrelen, daar hoor ik niet bij. Dus in de groep bespreek ik ook niets.",
    "Ik wil de goede werksfeer niet verpesten.",
    "Meldingen worden als gezeur afgedaan.",
    "Onze afdelingsmanager zegt altijd 'niet lullen maar poetsen'. Dat zegt genoeg over de ruimte voor een gesprek.",
    "Het wordt al snel een 'zaak'. Er is niets tussen niets doen en een formele melding.",
    "Er wordt weinig transparant gecommuniceerd over hoe eerdere meldingen zijn afgehandeld, dus ik weet niet of het iets oplevert.",
    "Het voelt alsof je iemand beschuldigt als je een vraag stelt.",
    "dat ik het zelf niet zeker weet",
    "twijfel of het wel belangrijk genoeg is",
    "Er is geen overleg waar zoiets past. Het werkoverleg gaat alleen over de planning.",
    "Ik ben bang dat het slecht valt bij de directie en dat mijn vaste aanstelling dan niet doorgaat.",
    "Ik vind het lastig om op te tornen tegen mensen die al veel langer in dienst zijn.",
    "Sommige collega's reageren agressief. Ik ben bang voor hun reactie.",
    "Werkdruk en het gevoel dat er belangrijkere dingen zijn.",
    "geen, gaat prima",
    "Ik voel me bij HR niet serieus genomen, ze denken alleen aan de juridische risico's voor de organisatie.",
    "lol. waar moet ik beginnen",
    "Alles wordt hier 'opgelost' door het onder het tapijt te vegen.",
    "Mensen worden hier niet aangesproken op hun gedrag, ook niet als iedereen weet dat het niet klopt. Waarom zou ik dan de enige zijn?",
    "het is mijn leidinggevende zelf",
    "Bij ons is de leidinggevende ook de vertrouwenspersoon. Dat slaat natuurlijk nergens op.",
    "Eerlijk gezegd is het vooral een optelsom. Er is veel werkdruk, het team is de laatste jaren flink veranderd en er zijn een paar collega's die veel invloed hebben. Als ik twijfel over iets, vraag ik me af of het de moeite waard is om daar een punt van te maken. Vaak besluit ik van niet, ook omdat eerdere signalen weinig hebben opgeleverd.",
    "Ik heb een paar jaar geleden gemeld dat een collega opdrachten gunde aan een bedrijf van een kennis. Ik werd eerst bedankt, daarna werd ik buiten het project gehouden en kreeg ik te horen dat ik 'niet loyaal' was. De collega werkt hier nog steeds. Als je zoiets meemaakt, ga je het geen tweede keer doen. Dat is eigenlijk het hele antwoord.",
    "Mijn leidinggevende is een aardige man, maar hij is conflictvermijdend. Als ik iets aankaart, knikt hij, zegt hij dat hij het begrijpt en daarna gebeurt er niets. Ik heb geen zin meer om telkens hetzelfde verhaal te doen. Naar zijn leidinggevende gaan voelt als over hem heen stappen. Dus blijft het liggen.",
    "bijv. als het over de directeur gaat weet je echt niet bij wie je moet zijn",
    "VP is een collega vd afdeling HR, niet onafhankelijk",
    "ivm mijn tijdelijke contract hou ik liever mijn mond",
    "mn de roddels, alles wordt rondgebazuind",
    "het idee dat mijn leidinggevnde het toch niet oppakt",
    "Wij werken veel met mensen van verschillende afdelingen in projecten. Niemand voelt zich verantwoordelijk en dus wordt er ook niks besproken.",
    "Angst om de relatie met mijn leidinggevende te verstoren, we werken heel nauw samen.",
    "collegas zijn niet te vertrouwen",
    "Mijn teamleider neemt nooit een besluit, alles wordt 'meegenomen'. Meegenomen waarheen?",
    t("Als je als jonge vrouw iets aankaart word je weggezet als overgevoelig. Gebeurt echt.", geslacht="vrouw", leeftijd="18-34"),
]

# Medewerkers, gemeente.
B_POOLS[(MW, GEM)] = [
    "Als het over een wethouder gaat, wordt je direct gezegd dat het 'politiek gevoelig' is. Dan houdt het op.",
    "De gemeentesecretaris is heel close met het college. Melden over een bestuurder voelt dus zinloos.",
    "In een kleine gemeente werk je met mensen die ook je buren zijn. Ik kom mijn teamleider tegen op het schoolplein.",
    "Wij doen vergunningen en krijgen regelmatig druk van een wethouder om een aanvraag 'even voorrang' te geven. Als je daar iets van zegt, ben je niet flexibel.",
    "Bij het sociaal domein zie ik soms dingen bij collega's die niet kloppen met uitkeringen, maar ik weet niet of ik het mis heb en ik wil niemand beschuldigen.",
    "De wethouder belt rechtstreeks naar medewerkers en de leidinggevende durft daar niets van te zeggen.",
    "ambtenaren zijn er om bestuurders te dienen, als je iets zegt over de burgemeester ben je je baan kwijt",
    "De raad gebruikt alles wat uitlekt. Dan wil je echt niet dat jouw twijfel het volgende raadsdebat wordt.",
    t("Wij van de buitendienst horen nooit wat er met meldingen gebeurt. Het stadhuis is een andere wereld.", functie="uitvoerend medewerker"),
    t("Op de gemeentewerf is het een macho cultuur, als je klaagt ben je een watje", functie="uitvoerend medewerker"),
    "Er wordt bij ons veel gelekt naar de lokale krant. Daardoor is iedereen superalert en wordt er niks meer gedeeld.",
    "Onze gemeente heeft een ambtelijke fusie met twee buurgemeenten gehad. Niemand weet meer wie waarover gaat, ook niet bij integriteit.",
    "Burgers die bellen en dreigen. Als ik dat meld krijg ik te horen dat het bij het vak hoort.",
    t("Ik werk bij het klantcontactcentrum en krijg veel agressie over me heen. Melden levert niks op, dus ik laat het.", functie="uitvoerend medewerker"),
    "Vanuit het college komt er soms druk om adviezen aan te passen. Als je daar vragen over stelt, word je niet meer betrokken bij het dossier.",
    "Een wethouder heeft ooit een advies van mij in de raad afgedaan als 'ambtelijk geneuzel'. Sindsdien zeg ik niks meer.",
    "in kleine gemeenten is het een ons kent ons cultuur, ook tussen ambtenaren en bestuur",
    "het wordt snel politiek",
    "Bang dat het in de politieke arena terecht komt. Raadsleden hebben overal oren.",
    "De burgemeester zegt dat integriteit belangrijk is, maar de meldingen over een wethouder zijn gewoon doodgezwegen.",
    "De portefeuillehouder bepaalt hoe het gaat en de directie volgt.",
    "Ik heb een vraag over een nevenfunctie van een raadslid doorgegeven aan de griffie. Nooit meer wat van gehoord.",
    "Mijn team werkt voor een wethouder die geen tegenspraak duldt.",
    "De afstand tussen de werkvloer en het gemeentehuis is enorm",
    "De gemeente is te klein voor een eigen vertrouwenspersoon, we delen er een met drie gemeenten en niemand kent haar.",
    "het integriteitsbeleid staat op intranet maar niemand weet wie de integriteitscoördinator is",
    "In de Wmo-hoek worden we geacht geen 'nee' te verkopen aan mensen die bekend zijn bij de wethouder. Dat durf ik niet te bespreken.",
    "Bij handhaving weet je soms dat iemand een bekende van een raadslid is. Dan wordt je gevraagd 'coulant' te zijn. Met wie bespreek je dat?",
    "Dat het college elkaar de hand boven het hoofd houdt.",
    "Er zijn collega's die al jaren onder dezelfde wethouder werken en die zijn eerder loyaal aan hem dan aan de organisatie.",
    t("Als griffiemedewerker ben je in dienst van de raad, maar een raadslid aanspreken op gedrag is niet iets wat van mij verwacht wordt.", functie="griffiemedewerker"),
    t("Raadsleden zijn mijn 'bazen'. Als een van hen over de schreef gaat, bij wie moet ik dan zijn? De griffier staat er ook niet boven.", functie="griffiemedewerker"),
    t("De fracties vertellen ons dingen in vertrouwen. Als ik daar een dilemma over heb, kan ik het eigenlijk met niemand bespreken zonder iemand te verraden.", functie="griffiemedewerker"),
    t("Klein team op de griffie, iedereen heeft een eigen relatie met fracties. Het voelt ongemakkelijk om het over een raadslid te hebben.", functie="griffiemedewerker"),
    t("Ik werk bij de griffie en zit tussen raad en college in. Raadsleden vertellen mij soms dingen in vertrouwen, het college verwacht loyaliteit. Als ik een dilemma heb over een raadslid, weet ik eigenlijk niet met wie ik dat kan bespreken zonder dat ik iemands vertrouwen beschaam. De griffier is zelf ook vaak partij.", functie="griffiemedewerker"),
    t("Als afdelingshoofd krijg ik vragen van wethouders die ik eigenlijk niet wil uitvoeren. Naar de gemeentesecretaris stappen voelt als je eigen bestuurder afvallen.", functie="leidinggevende"),
    "Er is altijd haast. Het college wil resultaten, de raad wil antwoorden, wij zitten ertussen.",
    "Na de affaire met de vorige wethouder is er een zweem van argwaan blijven hangen. Mensen kijken over hun schouder.",
    "In ons dorp kent iedereen de ambtenaren. Als ik een kwestie over een aanvraag bespreek, zit mijn collega misschien wel naast die aanvrager in de kerk.",
    "De gemeente heeft geen eigen meldpunt, alles loopt via de regio. Onduidelijk en ver weg.",
    "Collega's zijn erg betrokken bij de lokale politiek, sommigen zijn lid van een partij. Je weet nooit precies waar het terechtkomt.",
    "Wij werken veel samen met aannemers die we al jaren kennen. Als je zegt dat een gunning niet klopt ben je een spelbreker.",
    "omdat de wethouder bij ons op de afdeling binnenloopt en gezellig koffie drinkt met mijn leidinggevende",
    "Meldingen over agressie op het stadskantoor worden niet serieus genomen.",
    "De burgemeester is de baas van de vertrouwenspersoon. Dat voelt niet onafhankelijk.",
    "Geen tijd door de invoering van de Omgevingswet, alles staat op zijn kop.",
    "Eerlijk? De angst dat een wethouder mijn naam kent als 'die lastige ambtenaar'.",
    "bij ons in de gemeente is het heel gewoon dat dingen informeel geregeld worden en als je daar wat van zegt hoor je er niet bij",
    "de verhouding tussen college en raad is slecht, daar word je als ambtenaar ingezogen",
    "iedereen weet alles van elkaar, het is een dorp",
]

# Medewerkers, provincie.
B_POOLS[(MW, PROV)] = [
    "In het provinciehuis zijn de lijnen lang. Bij wie ik terecht kan met een dilemma over een gedeputeerde is voor mij een raadsel.",
    "Gedeputeerden bemoeien zich soms met subsidietoekenningen. Als je dat benoemt ben je niet 'bestuurlijk sensitief'.",
    "Veel druk vanuit GS op het stikstofdossier. Twijfels worden weggezet als obstructie.",
    "De provincie is een grote organisatie, je kent de mensen van het integriteitsteam niet.",
    "Onze directie is vooral bezig met hoe het bij GS overkomt, niet met hoe het bij ons gaat.",
    "ik werk aan de subsidieregelingen en zie soms dingen bij aanvragers die bekenden zijn van Statenleden. geen idee bij wie ik daarmee moet zijn",
    "De Staten zitten erbovenop, alles wat uitlekt wordt een statenvraag. Iedereen is daardoor op zijn hoede.",
    "Na de reorganisatie van de provincie zijn er veel nieuwe leidinggevenden. Ik ken de mijne nauwelijks.",
    "Het is een cultuur van pleasen. De gedeputeerde moet blij zijn.",
    "We werken veel hybride, veel collega's zie ik nooit in het provinciehuis.",
    "Het klopt gewoon niet dat de integriteitsadviseur onder de directeur valt die zelf vaak onderwerp van gesprek is.",
    "Als je bij de provincie iets aankaart over een groot infraproject is het direct een miljoenenkwestie en staat je naam in de stukken.",
    "ik heb ooit een melding gedaan over een subsidie en die is nooit afgehandeld",
    "tijdelijke projectaanstelling, dan ben je heel voorzichtig",
    "Bang dat mijn naam in een Woo-verzoek opduikt.",
    "De sfeer op de afdeling is sinds de nieuwe gedeputeerde heel gespannen.",
    "Als het om bestuurders gaat, weet ik gewoon niet waar ik moet melden. De CdK? Dat voelt als een heel grote stap.",
    "Er wordt vooral naar boven gekeken, niemand durft de directie tegen te spreken.",
    t("Op de Statengriffie zitten we er met z'n vieren. Een dilemma over een Statenlid kan ik niet bespreken zonder dat het herkenbaar is.", functie="griffiemedewerker"),
    "Eilandjescultuur tussen de domeinen, ieder houdt zijn eigen informatie vast.",
]

# Medewerkers, waterschap.
B_POOLS[(MW, WS)] = [
    "Het waterschap is een technische organisatie. Praten over gevoelens en dilemma's is hier niet gebruikelijk.",
    t("bij de buitendienst is het 'niet zeuren, gewoon doorwerken'", functie="uitvoerend medewerker"),
    "Ik werk bij peilbeheer en krijg druk van agrariërs die ook in het AB zitten. Daar iets over zeggen voelt als een risico.",
    "We hebben maar een paar honderd medewerkers, iedereen kent elkaar. Een melding is nooit anoniem.",
    t("Wij van de zuivering zien de mensen van het hoofdkantoor bijna nooit. Geen idee wie de vertrouwenspersoon is.", functie="uitvoerend medewerker"),
    "Aannemers bieden regelmatig dingen aan, een etentje, kaartjes. Iedereen doet mee. Als jij nee zegt ben je raar.",
    "De dijkgraaf en het DB zijn ver weg van de werkvloer.",
    "Ik heb een melding gedaan over onveilige situaties bij een gemaal. Er is niks mee gedaan.",
    "Er hangt een cultuur van 'dat hebben we altijd zo gedaan'.",
    "Mijn leidinggevende is zelf boer geweest en vindt het onzin als je vragen stelt over de banden met de landbouw.",
    "Bij heffingen moet je soms kwijtschelding weigeren aan bekenden. Ik weet niet met wie ik dat soort dingen kan bespreken.",
    t("als vrouw in een mannenteam in de buitendienst word je niet serieus genomen", functie="uitvoerend medewerker", geslacht="vrouw"),
    "Een collega die een melding had gedaan is later 'toevallig' niet verlengd.",
    "Het waterschap werkt samen met andere waterschappen in een gezamenlijke uitvoeringsorganisatie. Onduidelijk wie waar over gaat.",
    "De verhoudingen tussen het AB en de ambtelijke organisatie zijn slecht. Je wordt snel in een hoek gezet.",
    t("ik ben ploegleider en heb geen idee wat ik moet doen als een van mijn mensen iets meldt", functie="leidinggevende"),
    "In de regio zit iedereen in dezelfde dorpen. Als ik iets meld over een collega, weet de hele buurt het.",
    "Alles draait om de calamiteitenplanning, tijd voor zoiets is er niet.",
]

# Voor iedereen (doelgroep en bestuurslaag worden getrokken).
B_POOLS[(None, None)] = [
    "vertrouwen",
    "Gebrek aan vertrouwen.",
    "angst",
    "Angst voor de gevolgen",
    "bang voor represailles",
    "roddel",
    "roddelcultuur",
    "geen opvolging",
    "Er gebeurt niks mee",
    "werkdruk",
    "ik weet niet bij wie ik moet zijn",
    "Onbekend wie de vertrouwenspersoon is",
    "cultuur",
    "geen veilige omgeving",
    "onveiligheid",
    "Niets, ik voel me vrij.",
    "niks eigenlijk, ik zeg wat ik denk",
    "Ik bespreek het liever thuis.",
    "bespreek zulke dingen met mijn partner",
    "angst om als lastig gezien te worden",
    "geen open sfeer",
    "iedereen weet alles van elkaar",
    "dat het rondgaat",
    "Het gevoel dat het niet veilig is",
    "Dat het niet vertrouwelijk wordt behandeld",
    "schaamte",
    "ik heb er nooit over nagedacht",
    "Iedereen kijkt naar elkaar, niemand neemt het initiatief.",
    "Angst om buitengesloten te worden",
    "wantrouwen",
    "achterdocht",
    "ivm privacy van de betrokkene",
    "Geen behoefte aan, ik los het zelf op.",
    "Tijdgebrek",
]

# Korte antwoorden die in echte data vaker dan eens voorkomen.
B_SHORT = ["vertrouwen", "angst", "werkdruk", "geen vertrouwen", "tijd", "roddelen",
           "Angst voor represailles", "Gebrek aan vertrouwen"]

# Niet-inhoudelijke antwoorden (met gewichten: lege cel en 'weet niet' het vaakst).
NONSUB = [
    ("", 8), ("weet niet", 4), ("Weet niet", 2), ("nvt", 3), ("n.v.t.", 3),
    ("Nvt", 1), ("n.v.t", 1), ("geen", 3), ("Geen", 1), ("-", 3), ("--", 1),
    ("?", 2), ("niks", 2), ("geen idee", 2), ("Geen idee.", 1), ("weet ik niet", 1),
    ("x", 1), (".", 1), ("nee", 1), ("geen opmerking", 1),
]

# ---------------------------------------------------------------------------
# Vraag 2: Wat zorgt ervoor dat u zich vrij voelt om een dilemma of kwestie te
# bespreken?
# ---------------------------------------------------------------------------

V_POOLS: dict[tuple, list] = {}

V_POOLS[(AMB, None)] = [
    "Goede band met mijn fractievoorzitter, daar kan ik alles kwijt.",
    "Binnen de fractie hebben we afgesproken dat alles wat we bespreken binnenskamers blijft. Dat werkt.",
    "Mijn ervaring. Ik zit al drie periodes in de politiek en laat me niet zo snel meer van de wijs brengen.",
    "De griffier is heel toegankelijk en discreet.",
    "We hebben aan het begin van de periode een integriteitstraining gehad met dilemma's. Sindsdien is het makkelijker om het erover te hebben.",
    "Ik heb niets te verliezen, ik doe dit werk naast mijn baan en ben niet afhankelijk van herverkiezing.",
    "Een paar collega's uit andere fracties met wie ik een goede verstandhouding heb, los van de politiek.",
    "Onze partij heeft een integriteitscommissie waar je vertrouwelijk terecht kunt.",
    "de fractie is een hecht team",
    "In de fractie is ruimte om te twijfelen. We vinden het juist goed als iemand zegt: weet ik het eigenlijk wel zeker?",
    "Ik vind integriteit te belangrijk om te laten liggen. Dan maar ongemakkelijk.",
    "Mijn mentor in de fractie, een oud-bestuurder met veel ervaring.",
    "Vast agendapunt 'integriteit' in de fractievergadering.",
    "Goede onderlinge verhoudingen, ook met de oppositie.",
    "Vertrouwen in de voorzitter, die gaat er zorgvuldig mee om.",
    "Dat ik weet dat de fractievoorzitter het niet doorvertelt.",
    "De partij heeft een vertrouwenspersoon voor volksvertegenwoordigers, iemand van buiten. Dat is fijn.",
    "Als je een keer hebt meegemaakt dat een kwestie zorgvuldig is afgehandeld, dan durf je het daarna makkelijker.",
    "Mijn achtergrond als advocaat. Ik ben gewend om dilemma's zakelijk te bespreken.",
    "Ik ben nogal eigenwijs, haha",
    "We zijn een kleine fractie maar we vertrouwen elkaar blindelings.",
    "Een goede fractieassistent die het overzicht houdt en met wie ik alles kan bespreken.",
    "dat ik weet dat de andere fractievoorzitters ook worstelen met dit soort dingen",
    "De duidelijke gedragscode. Dan weet je waar de grens ligt en kun je makkelijker vragen of iets wel of niet mag.",
    "open cultuur binnen de partij",
    "Eigenlijk voel ik me niet vrij. Alleen buiten de politiek, met vrienden, praat ik erover.",
    "Mijn eigen principes. Ik ben de politiek in gegaan om het goede te doen, niet om mijn mond te houden.",
    "De intervisiegroep met volksvertegenwoordigers die we via de partij hebben opgezet.",
    "Dat we als fractie ook samen eten en het gezellig hebben. Dan is het makkelijker om moeilijke dingen te bespreken.",
    "Lange politieke ervaring",
    "Ik heb een dikke huid gekregen.",
    "Humor. Als je elkaar niet te serieus neemt, kun je ook serieuze dingen bespreken.",
    "Ik ben onafhankelijk en hoef niemand te pleasen.",
    "Een collega die ik al ken van vóór de politiek. Daar kan ik echt alles mee bespreken.",
    "Het feit dat de voorzitter zelf ook dilemma's deelt. Dat maakt het normaal.",
    "De afspraak dat we in de fractie alles mogen zeggen, maar naar buiten één geluid laten horen.",
    "Gewoon de overtuiging dat je het moet bespreken. Wegkijken is erger.",
    "Dilemmasessies aan het begin van de bestuursperiode, georganiseerd door de griffie.",
    "goede verstandhouding met de griffie",
    "Dat de nieuwe voorzitter heel duidelijk heeft gezegd dat twijfels altijd besproken mogen worden, zonder dat er meteen iets formeels van komt.",
    "Als ik het met mijn partijgenoten bespreek, weet ik dat het niet naar buiten gaat.",
    "Dat ik niet van dit werk afhankelijk ben voor mijn inkomen.",
    "Fijne fractie.",
    t("Mijn leeftijd. Ik ben 67, ik heb niets meer te bewijzen.", leeftijd="65+"),
    "Ik heb een vast maatje in de fractie met wie ik alles doorspreek voordat het in de vergadering komt.",
    "Er is een open sfeer, ook tussen coalitie en oppositie. Na de vergadering drinken we nog samen een biertje.",
    "Vertrouwen dat het binnen de fractie blijft.",
    "De partijvoorzitter is altijd bereikbaar en denkt mee.",
    "De integriteitsadviseur van de partij (tel. 06-12345678) denkt altijd snel mee, ook 's avonds.",
    "ik voel me niet vrij, dus niets",
    "Niets, ik voel me eigenlijk nergens vrij om het te bespreken behalve thuis.",
    "Ik zorg zelf dat ik het bespreekbaar maak. Niemand anders doet het.",
    "Een collega-volksvertegenwoordiger die een vergelijkbare situatie heeft meegemaakt en daar open over was.",
    "Ik heb geleerd dat het beter is om vooraf te vragen dan achteraf uit te leggen.",
    "het besef dat je als volksvertegenwoordiger een voorbeeldfunctie hebt",
    "Transparantie is ons uitgangspunt als partij. Dat geeft ruimte.",
    "Dat er geen hiërarchie is in onze fractie. Iedereen telt even zwaar.",
    "De griffier heeft in het begin uitgelegd dat je altijd bij haar terecht kunt, en dat het vertrouwelijk blijft. Dat heb ik ook zo ervaren.",
    "Goede relatie met de voorzitter. Die neemt altijd de tijd.",
    "Ik heb een coach buiten de politiek met wie ik dit soort dingen bespreek.",
    "Mijn partner, die er verder niets mee te maken heeft.",
    "Dat ik het idee heb dat ik ertoe doe in de fractie.",
    "Dat je gezamenlijk verantwoordelijk bent. We spreken elkaar erop aan, dat is normaal bij ons.",
    "De gedragscode en de eed die ik heb afgelegd.",
    "Niet zozeer vrij, maar ik doe het toch. Het hoort bij het werk.",
    "In onze fractie wordt er na iedere vergadering geëvalueerd, ook over hoe we met elkaar omgaan.",
    "Omdat ik het gevoel heb dat mijn collega's het ook willen horen.",
    "Onze fractie is divers: jong, oud, nieuw, ervaren. Er is altijd wel iemand die meedenkt.",
    "Dat er een duidelijke procedure is voor het melden van integriteitskwesties.",
    "Ik denk dat het vooral komt doordat we in de fractie vanaf het begin hebben afgesproken dat we elkaar niet laten vallen. Dat betekent niet dat we het altijd eens zijn, maar wel dat je een twijfel kunt uitspreken zonder dat het meteen buiten de deur ligt. Daarnaast helpt het dat ik al wat ouder ben en minder last heb van wat anderen van me vinden.",
    "Vrij voelen is een groot woord. Ik voel me vrij bij twee of drie mensen: mijn fractievoorzitter, een collega van een andere partij met wie ik ooit samen in een werkgroep zat, en de griffier. Met hen kan ik sparren zonder dat het politiek wordt. Met de rest van de vergadering zou ik dat niet durven.",
    "Een goede verstandhouding met de fractievoorzitters van de andere partijen.",
    "Mijn vorige werk in de zorg, daar leer je wel om moeilijke dingen te bespreken.",
    "Het vertrouwen dat er binnen de fractie is gegroeid in de afgelopen jaren.",
    "ik heb geen politieke ambities meer, dus ik kan vrijuit spreken",
    "Open sfeer in de fractie, iedereen mag zijn twijfels uitspreken.",
    "De integriteitsregels zijn goed uitgelegd bij de start, daardoor weet ik waar ik moet aankloppen.",
    "Dat de griffie de vertrouwelijkheid altijd bewaakt.",
    "Een collega-volksvertegenwoordiger die ook mijn buurvrouw is, we laten samen de hond uit en dan komt alles ter sprake.",
    "Als fractie bespreken we elke maand de 'moeilijke momenten'. Dat is inmiddels een vertrouwd ritueel.",
    "Dat we het als fractie belangrijk vinden om integer te zijn en elkaar daar ook op aanspreken.",
    "mijn partijgenoten",
    "Het gevoel dat de voorzitter boven de partijen staat.",
    "Mijn eigen ervaring als ondernemer, ik ben gewend om knopen door te hakken.",
    "Zorgvuldigheid van de griffie en de voorzitter bij eerdere kwesties.",
    "ik weet dat mijn fractiegenoten mij steunen, ook als ik iets lastigs aankaart",
    "Dat het bestuur zelf laat zien dat fouten maken mag. De voorzitter gaf ooit publiekelijk toe dat hij iets verkeerd had ingeschat.",
    "Omdat het hoort bij het ambt. Ik ben gekozen om het algemeen belang te dienen.",
    "de fractie-app, daar gooi ik het gewoon in en dan reageert er altijd wel iemand",
    "Wij hebben in de fractie een 'vrijdagmiddaggesprek' zonder agenda. Daar komen dit soort dingen vanzelf op tafel.",
]

V_POOLS[(AMB, GEM)] = [
    "De burgemeester neemt integriteit serieus en is laagdrempelig, ik kan altijd even binnenlopen.",
    "De griffier, die weet alles en houdt haar mond.",
    "In onze raad hebben we een integriteitsprotocol en dat wordt ook echt gebruikt.",
    t("Goede verhouding met de wethouder van onze partij.", functie="raadslid"),
    "De raad is klein en gemoedelijk. Iedereen kent iedereen, dat is ook een voordeel.",
    t("Ik ben al 16 jaar raadslid, ik weet hoe het werkt.", functie="raadslid", leeftijd=("35-49", "50-64", "65+")),
    "Dilemmasessies aan het begin van de raadsperiode, dat was echt waardevol.",
    "Het presidium heeft afgesproken dat integriteit een vast onderwerp is. Daardoor is het normaal om erover te praten.",
    "de burgemeester is een echte bruggenbouwer",
    "Raadsleden van andere fracties met wie ik goed contact heb, we appen regelmatig.",
    "Onze burgemeester heeft gezegd: kom liever tien keer te vaak dan een keer te weinig. Dat neem ik letterlijk.",
    "Ervaring in het dorp. Ik ken de mensen en weet wat er speelt.",
    t("Fijne collega-raadsleden.", functie="raadslid"),
    "Vertrouwen in het college, dat werkt goed samen en is open naar de raad.",
    "Ik heb goede ervaringen met de vertrouwenspersoon voor raadsleden. Heel professioneel en discreet.",
    t("In het college bespreken we dilemma's in een besloten deel van de vergadering. Dat is veilig.", functie="wethouder"),
    t("Mijn collega-wethouders, we zijn een hecht team ondanks de verschillende partijen.", functie="wethouder"),
    t("De burgemeester. Die heeft veel ervaring en denkt goed mee zonder te oordelen.", functie="wethouder"),
    t("Als wethouder heb ik een klankbord in de gemeentesecretaris, die is heel zorgvuldig.", functie="wethouder"),
    t("Ik was eerst raadslid en ken de mores. Dat helpt om de juiste toon te vinden.", functie="wethouder"),
    t("Ik heb een intervisiegroep met collega-burgemeesters uit de regio. Daar kan alles op tafel.", functie="burgemeester"),
    t("Het contact met de commissaris van de Koning en de kabinetschef, die zijn altijd bereikbaar voor vertrouwelijk overleg.", functie="burgemeester"),
    t("De gemeentesecretaris en ik hebben een goede vertrouwensband.", functie="burgemeester"),
    t("Ervaring. Dit is mijn tweede gemeente, ik weet wat er kan gebeuren als je dingen laat liggen.", functie="burgemeester"),
    t("Ik vind het mijn taak om integriteit bespreekbaar te maken, dus ik doe het ook zelf. Voorbeeldgedrag.", functie="burgemeester"),
    "De griffie organiseert elk jaar een integriteitsavond. Laagdrempelig en nuttig.",
    "Sinds de nieuwe burgemeester is de sfeer in de raad veel beter geworden.",
    "Dat de burgemeester integriteit echt als haar portefeuille ziet en er open over communiceert.",
    t("Dat ik raadslid ben voor een kleine partij en niemand iets van me nodig heeft. Ik kan zeggen wat ik wil.", functie="raadslid"),
    t("De wethouder van onze partij staat altijd open voor een gesprek, ook over lastige dingen.", functie="raadslid"),
    "Een oud-raadslid die ik als mentor heb. Die staat erbuiten en kan objectief meekijken.",
    "Na de affaire een paar jaar geleden is er veel veranderd. Er is nu een open cultuur en er wordt veel meer gesproken over integriteit.",
    "de onderlinge sfeer in de raad is goed",
    "Het is een kleine gemeente, je moet het samen doen. Dat schept een band.",
    "De vaste vertrouwenspersoon voor de raad. Zijn gegevens staan op de iPad, dus je kunt hem zo bellen.",
    "Het feit dat meldingen bij de burgemeester echt worden opgepakt, daar heb ik positieve ervaringen mee.",
    "De fractie is klein en we zijn vrienden, dat helpt.",
    "mijn eigen zelfvertrouwen, ik kom uit het onderwijs en ben gewend om voor een groep te staan",
    "De griffier Marieke Bakker is echt een vertrouwenspersoon voor ons allemaal.",
    "In de raad mag je het oneens zijn, dat wordt zelfs gewaardeerd.",
    "Omdat ik weet dat de andere raadsleden ook het beste willen voor de gemeente.",
    "Een wekelijks overleg met de fractievoorzitters, daar is ruimte voor lastige onderwerpen.",
    "Ik kan altijd bij de burgemeester terecht. Die zei letterlijk: mijn telefoon staat altijd aan.",
    "De raadsleden in onze gemeente zijn erg betrokken bij elkaar. Als iemand het moeilijk heeft, wordt er meegeleefd.",
    "Dat we een raadsakkoord hebben in plaats van een coalitieakkoord, daardoor is er minder wij-zij.",
    "Ik woon al mijn hele leven in dit dorp en ben niet snel onder de indruk.",
    "De burgemeester begint elke raadsvergadering met een moment van reflectie. Klinkt soft, werkt goed.",
    "Dat de griffie neutraal is en niemand voortrekt.",
    t("dat het college ons als raad serieus neemt", functie="raadslid"),
    "Een collega uit de oppositie, we zijn het politiek nooit eens maar we vertrouwen elkaar volkomen.",
    "Korte lijnen in een kleine gemeente.",
    "De raadsadviseur van de griffie, die helpt me ook met dit soort vragen.",
    "Sparren met collega-raadsleden uit andere gemeenten via de partij, die hebben geen belang bij onze lokale verhoudingen.",
    t("Toen ik net in de raad kwam, twijfelde ik over een uitnodiging van een projectontwikkelaar voor een informatiebijeenkomst met diner. Ik heb het gevraagd aan de griffier en binnen een uur had ik een helder antwoord, zonder dat iemand anders het hoefde te weten. Die ervaring heeft ervoor gezorgd dat ik sindsdien veel makkelijker dingen vraag.", functie="raadslid"),
    "Het presidium neemt signalen serieus en koppelt ook terug wat ermee gebeurt.",
]

V_POOLS[(AMB, PROV)] = [
    "De Statengriffie is goed bereikbaar en heel professioneel.",
    "De commissaris van de Koning maakt integriteit heel bespreekbaar in de Staten.",
    "Goede contacten met Statenleden van andere fracties.",
    "Onze statenfractie is groot genoeg om altijd iemand te vinden om mee te sparren.",
    "De integriteitstoets bij de installatie was een goed gesprek, daarna voel je je vrijer.",
    "Er is een externe vertrouwenspersoon voor Statenleden en die is goed bekend.",
    "Vertrouwen in de fractievoorzitter en in de statengriffier.",
    "Mijn ervaring als gemeenteraadslid, ik weet hoe het werkt.",
    "De Staten hebben een commissie die zich met integriteit bezighoudt en die werkt goed.",
    t("In GS hebben we de afspraak dat dilemma's altijd eerst intern besproken worden. Dat werkt.", functie="gedeputeerde"),
    t("De goede band met de CdK. Ik kan altijd even binnenlopen.", functie="gedeputeerde"),
    t("Mijn directeur en ik hebben een open verstandhouding. Hij zegt het ook als iets niet kan.", functie="gedeputeerde"),
    t("Het netwerk van collega-commissarissen, daar kunnen we vertrouwelijk sparren.", functie="commissaris van de Koning"),
    t("Ik zie het als mijn rol om het goede voorbeeld te geven. Dat verplicht ook tot openheid over mijn eigen dilemma's.", functie="commissaris van de Koning"),
    "De sfeer in de Staten is de laatste tijd beter, ook tussen coalitie en oppositie.",
    "Zelfvertrouwen. Ik heb in het bedrijfsleven gewerkt en ben gewend om problemen te benoemen.",
    "Dat de provincie een duidelijk integriteitsbeleid voor Statenleden heeft, met een contactpersoon.",
    "De fractieassistent en fractievoorzitter, dat is ons vaste driemanschap.",
    "We hebben een integriteitsmiddag gehad in het provinciehuis met casussen. Dat heeft geholpen om het erover te hebben.",
    "Er is een vast gesprek met de CdK halverwege de periode. Daar kun je ook dilemma's inbrengen.",
    "niet echt vrij eerlijk gezegd",
    "Collega-statenleden die ik ook buiten het werk ken.",
]

V_POOLS[(AMB, WS)] = [
    "In het AB is de sfeer collegiaal, we willen allemaal hetzelfde: droge voeten en schoon water.",
    "Het waterschap is minder gepolitiseerd dan de gemeente. Daardoor kun je makkelijker iets bespreken.",
    "De dijkgraaf is heel benaderbaar.",
    "De secretaris-directeur heeft integriteit hoog op de agenda gezet. Er is een duidelijke regeling.",
    "Ik zit namens de geborgde zetels en heb geen partijbelangen. Dat geeft vrijheid.",
    "goede contacten met de andere AB-leden van mijn fractie",
    "Het bestuurssecretariaat is heel behulpzaam.",
    "Mijn ervaring als bestuurder bij de landbouwvereniging. Ik weet wat er speelt.",
    t("Het contact met collega-dijkgraven, daar kan ik vertrouwelijk overleggen.", functie="dijkgraaf"),
    t("Een vaste sparringpartner in de secretaris-directeur.", functie="dijkgraaf"),
    "Het AB is klein genoeg om elkaar goed te kennen.",
    "We hebben een integriteitsbijeenkomst gehad met alle bestuursleden. Sindsdien is het makkelijker.",
    "Er is een vertrouwenspersoon voor bestuurders, die is vorig jaar aan ons voorgesteld.",
    "Omdat iedereen in het waterschap inhoudelijk gedreven is, niet politiek.",
    "Dat ik weet dat het DB dit soort zaken vertrouwelijk behandelt.",
    t("Ik ben ook al wat ouder en laat me niet meer zo gek maken.", leeftijd=("50-64", "65+")),
    "Mijn fractie bij het waterschap is heel hecht.",
    "De heemraad van onze fractie, met wie ik veel optrek.",
]

V_POOLS[(MW, None)] = [
    "Fijne collega's",
    "Mijn leidinggevende staat altijd open voor een gesprek.",
    "goede sfeer in het team",
    "In ons team is het normaal om fouten te bespreken.",
    "Ik weet wie de vertrouwenspersoon is en heb er een keer goed contact mee gehad.",
    "De VP is bekend en laagdrempelig",
    "vertrouwens persoon",
    "Open cultuur, je mag alles zeggen.",
    "Mijn teamleider vraagt regelmatig hoe het gaat, ook echt hoe het gaat.",
    "We hebben maandelijks een intervisie, daar komen dilemma's vanzelf aan bod.",
    t("Ik werk hier al 25 jaar, ik ben niet snel bang.", leeftijd=("50-64", "65+")),
    "Vertrouwen dat het vertrouwelijk blijft.",
    "Mijn directe collega's, we zitten al jaren samen en kennen elkaar door en door.",
    "Een leidinggevende die zelf ook laat zien dat ze twijfelt. Dat maakt het makkelijker.",
    "Het team is klein en hecht.",
    "Er is een integriteitscoördinator die regelmatig langskomt in het werkoverleg.",
    "De dilemmatraining die we allemaal hebben gehad. Sindsdien gebruiken we de termen ook gewoon in het werk.",
    "Dat ik eerder iets gemeld heb en dat het netjes is afgehandeld.",
    "Omdat ik weet dat mijn leidinggevende achter me staat.",
    "Mijn eigen normen en waarden.",
    "Zelfvertrouwen.",
    "Ik ben gewoon iemand die dingen benoemt, dat zit in mijn karakter.",
    "Vaste aanstelling, ik hoef niet bang te zijn voor mijn baan.",
    "Laagdrempelige leidinggevende, deur staat altijd open.",
    "Goede collegas",
    "De cultuur op mijn afdeling is open en eerlijk.",
    "Ik heb een buddy op de afdeling met wie ik alles bespreek.",
    "Er zijn twee externe vertrouwenspersonen, hun gegevens staan op intranet en ze zijn ook eens in het werkoverleg geweest.",
    "Dat meldingen anoniem kunnen via het meldpunt.",
    "Het MT is heel toegankelijk.",
    "Onze afdelingsmanager Petra Jansen maakt er echt werk van. Ze vraagt in elk werkoverleg of er iets is wat we willen bespreken.",
    "Respect voor elkaar in het team.",
    "Omdat ik weet dat de organisatie integriteit belangrijk vindt, dat wordt ook uitgedragen door de directie.",
    "De nieuwe directeur heeft het onderwerp op de kaart gezet. Ze vertelde zelf in een bijeenkomst over een fout die ze ooit maakte.",
    "Veiligheid in het team.",
    "Ik durf het gewoon, ik ben niet zo van het wegkijken.",
    "Goede band met mijn leidinggevende.",
    "Dat ik me gehoord voel.",
    t("Ik ben ouder en heb minder te verliezen, dat scheelt.", leeftijd=("50-64", "65+")),
    "Eerdere positieve ervaringen met het bespreken van een dilemma.",
    "Ik zou het wel met mijn teamleider bespreken, die is betrouwbaar.",
    "Het team heeft een 'dilemma van de maand' in het werkoverleg. Klinkt suf, maar het helpt echt.",
    "Dat het niet meteen formeel wordt, je kan eerst gewoon even sparren.",
    "Dat er niet wordt geoordeeld.",
    "Er heerst een sfeer waarin je fouten mag maken. Dan durf je ook te vragen.",
    "de collega's",
    "Een paar collega's die ik echt vertrouw.",
    "Een goede relatie met HR. Die zijn bij ons echt toegankelijk.",
    "De vertrouwenspersoon heeft zich voorgesteld in het werkoverleg. Nu heeft ze een gezicht.",
    "Een HR-adviseur die ik goed ken en die discreet is.",
    "De regeling is duidelijk: je weet waar je terecht kunt en wat er daarna gebeurt.",
    "Ik ben vakbondslid, dus ik weet dat ik hulp kan krijgen als het misloopt.",
    "Mijn leidinggevende reageert altijd rustig en denkt mee in plaats van te oordelen.",
    "Het gevoel dat we het samen doen.",
    "Er is echt een cultuur van elkaar aanspreken. Dat moest wennen maar het werkt.",
    "In mijn team kan ik alles zeggen, ook als ik het niet eens ben met de leidinggevende.",
    "Eigen ervaring en lef.",
    "Dat ik weet dat er naar me geluisterd wordt.",
    "Mijn vorige leidinggevende zei altijd: liever een vraag te veel dan een fout. Dat heb ik meegenomen.",
    "Gewoon doen. Als je het niet zegt verandert er ook niks.",
    "Onze teamleider zegt altijd dat er geen domme vragen zijn.",
    "Door het integriteitsspel dat we op de heidag hebben gespeeld, merk ik dat collega's makkelijker over dilemma's beginnen.",
    "De vertrouwenspersoon, Ahmed El Amrani, is heel toegankelijk. Je kunt hem mailen of bellen (06-12345678).",
    "Je kunt bij ons naar de integriteitsadviseur zonder dat je leidinggevende het weet.",
    "Een goede balans tussen professionele afstand en collegialiteit.",
    "Dat het team divers is. Er is altijd iemand die een andere kijk heeft.",
    "Respectvolle omgang met elkaar.",
    "ik voel me eerlijk gezegd niet vrij",
    "Eigenlijk niets. Ik bespreek het met mijn partner.",
    "Niet. Ik hou het voor mezelf.",
    "Het feit dat we dilemma's bespreken als casus, zonder namen. Dan is het minder beladen.",
    "De gedragscode is helder en geeft houvast.",
    "Omdat ik vind dat het moet. Ik heb een eed afgelegd.",
    "Duidelijke afspraken binnen het team over hoe we omgaan met gevoelige informatie.",
    "dat ik al lang meeloop",
    "mijn ervaring",
    "Omdat ik weet dat mijn collega's net zo denken.",
    "Ik heb een coach via het werk, daarmee bespreek ik dit soort dingen ook.",
    "Dat mijn leidinggevende het eerlijk zegt als hij iets niet weet en dan uitzoekt.",
    "De korte lijnen met de directie.",
    "Openheid en eerlijkheid binnen de afdeling.",
    "dat er niet geroddeld wordt bij ons",
    "Dat er na een melding echt iets gebeurt. Dat heb ik gezien bij een collega.",
    "Collega's die elkaar helpen.",
    "De wekelijkse teamlunch. Informeel en dan komen de dingen vanzelf op tafel.",
    "Veel thuiswerken, dus eigenlijk bespreek ik dingen in een-op-een gesprekken via Teams. Dat werkt prima met mijn leidinggevende.",
    "Er is een anoniem meldpunt en ik weet hoe het werkt.",
    "Omdat ik ervan uitga dat mensen het goed bedoelen.",
    "Gewoon volwassen met elkaar omgaan.",
    "Mijn mentor, een oudere collega die me wegwijs heeft gemaakt.",
    "Het besef dat ik niet de enige ben die ermee worstelt.",
    "Dat wat je vertelt bij de persoon blijft.",
    t("Ik heb weinig te verliezen: ik ga over een jaar met pensioen.", leeftijd=("50-64", "65+")),
    "Mijn eigen gevoel voor rechtvaardigheid.",
    "Mijn leidinggevende neemt me serieus.",
    "Vertrouwen in mijn team.",
    "In ons team is het heel gewoon om te zeggen: hier twijfel ik over, wat vinden jullie?",
    "Dat er tijd voor wordt gemaakt, ook al is het druk.",
    "Ik ben zelf vertrouwenspersoon geweest, dus ik weet hoe het werkt.",
    "Omdat ik niet stil wil blijven zitten als ik zie dat er iets misgaat.",
    "Het beeld dat de organisatie melders beschermt. De klokkenluidersregeling is ook duidelijk gecommuniceerd.",
    "Het MT heeft een keer eerlijk gezegd dat ze een melding slecht hadden opgepakt en dat ze het anders zouden doen. Dat gaf vertrouwen.",
    "de sfeer op de afdeling is goed, er wordt veel gelachen en ook serieus gepraat",
    "Een goed contact met de collega's van het integriteitsbureau, ik heb er een keer een project mee gedaan.",
    "Dat ik een goede band heb met mijn collega's. Daardoor durf ik ook lastige dingen aan te kaarten.",
    "Ik ben mondig en heb daar nooit problemen mee gehad.",
    "dat mijn leidinggevende een luisterend oor biedt",
    "niet veel eigenlijk, ik doe het op mijn eigen manier",
    "Open communicatie van de directie, ook over moeilijke dingen.",
    "Ik heb in mijn vorige baan meegemaakt hoe het mis kan gaan als je niks zegt. Dat wil ik niet nog eens.",
    "Het feit dat de organisatie groot is. Er is altijd wel iemand die niet betrokken is bij de kwestie.",
    "De mensen op mijn afdeling zijn betrouwbaar.",
    "Veiligheid, eerlijkheid, vertrouwen.",
    "Fijn team en een leidinggevende die zelf ook kwetsbaar durft te zijn.",
    "Als je ziet dat anderen het ook doen, durf je het zelf ook.",
    "Laagdrempeligheid van de VP",
    "Dat er bij ons een vertrouwenspersoon is die niet bij HR hoort.",
    "Dat mijn leidinggevende me ooit heeft gesteund toen ik een conflict had met een collega. Sindsdien weet ik dat ik bij haar terecht kan.",
    "Mijn teamgenoten zijn mijn steun en toeverlaat.",
    "Een cultuur waarin het oké is om 'nee' te zeggen.",
    "Ik heb goede ervaringen met de OR.",
    "Een leidinggevende die niet direct in oplossingen schiet maar eerst luistert.",
    "Inclusieve sfeer, iedereen hoort erbij.",
    "Ik weet dat ik altijd een second opinion kan vragen bij het integriteitsteam.",
    "Mijn werkervaring buiten de overheid, daar was het veel harder. Hier is het eigenlijk heel veilig.",
    "Dat er regelmatig aandacht is voor integriteit, bijvoorbeeld in de nieuwsbrief en op teamdagen.",
    "Sinds we de e-learning integriteit hebben gedaan weet ik beter wat een dilemma is.",
    "Ik probeer het gewoon klein te houden. Eerst met de persoon zelf, dan pas verder.",
    "Als je iets zegt, wordt het gewaardeerd. Dat merk je.",
    "De collega naast me.",
    "Het team en de teamleider.",
    "In het team bespreken we alles, ook persoonlijke zaken. Er is veel onderling vertrouwen.",
    "Mijn leidinggevende Jan de Vries is heel betrokken, ik kan altijd bij hem binnenlopen.",
    "Dat er geen angstcultuur is.",
    "Kennis van de regels. Als je weet wat mag, kun je ook makkelijker bespreken wat je twijfel is.",
    "Mijn leeftijd en ervaring",
    "Dat ik zeker ben van mijn zaak. Als ik twijfel zeg ik minder.",
    "open en eerlijke collegas die elkaar niet afvallen",
    "In mijn team voel ik me veilig, daarbuiten minder.",
    "Dat mijn leidinggevende discreet is.",
    "Betrokkenheid van de leiding.",
    "Het gesprek met de vertrouwenspersoon was heel prettig, ze stelde goede vragen en oordeelde niet.",
    "Dat de vertrouwenspersoon extern is. Die heeft niks met de organisatie te maken.",
    "De nieuwe HR-manager heeft veel veranderd. Er is nu een duidelijk aanspreekpunt voor integriteit en mensen weten dat.",
    "Ik kan alles kwijt bij mijn collega Sanne. Als je meer wilt weten mag je me bellen: 06-12345678.",
    "Er is een fijne teamsfeer en we hebben respect voor elkaars mening, ook als die anders is.",
    "We hebben een team dat elkaar echt kent, ook privé. Dan praat je makkelijker.",
    "het gevoel dat ik ertoe doe",
    "Vertrouwen in de integriteit van mijn directe leidinggevende.",
    "Duidelijke afspraken over vertrouwelijkheid.",
    "Dat mijn ervaring met melden positief was: ik werd bedankt en op de hoogte gehouden.",
    "Dat we als team afspraken hebben gemaakt over hoe we elkaar aanspreken.",
    "Goed contact met mijn directe collega's en met mijn leidinggevende.",
    "Ik ben lid van de ondernemingsraad en voel me daardoor wat beschermd.",
    "Een cultuur waarin je elkaar aanspreekt zonder dat het persoonlijk wordt.",
    "Ik laat me niet snel intimideren.",
    "Dat mensen het goed bedoelen en elkaar willen helpen.",
    t("Mijn vak. Als jurist ben ik gewend om dilemma's te wegen en te benoemen.", functie=("adviseur", "beleidsmedewerker")),
    "Dat ik bij twijfel altijd mijn leidinggevende kan mailen en binnen een dag antwoord krijg.",
    "In ons team mag iedereen zijn wie hij is.",
    "mijn collega's, mijn leidinggevende en de vp",
    "Ik denk dat het een combinatie is. Ik heb een leidinggevende die echt luistert en niet direct in de verdediging schiet, en in het team hebben we het afgelopen jaar een paar keer een dilemma besproken aan de hand van een casus. Daardoor is het minder eng geworden. Ook helpt het dat ik een vaste aanstelling heb en al een tijd meeloop.",
    "Eigenlijk vooral mijn collega's. We hebben een reorganisatie gehad en dat heeft ons als team dichter bij elkaar gebracht. Als er iets is, bespreken we het eerst onderling, en als het nodig is stappen we samen naar de teamleider. Dat samen voelt veilig. Alleen zou ik het waarschijnlijk niet doen.",
    "Ik ben eerlijk gezegd pas vrij gaan praten nadat ik zelf een keer in een lastige situatie zat en de vertrouwenspersoon heb gebeld. Zij heeft me goed geholpen en alles bleef vertrouwelijk. Sindsdien weet ik dat het kan en vertel ik ook collega's dat ze er gebruik van moeten maken.",
    "Dat mijn manager zelf het goede voorbeeld geeft.",
    "de koffieautomaat haha, daar wordt alles besproken",
    t("Als leidinggevende heb ik intervisie met collega-leidinggevenden, daar kan ik mijn dilemma's kwijt.", functie="leidinggevende"),
    t("Mijn eigen leidinggevende, de directeur, is heel benaderbaar.", functie="leidinggevende"),
    t("Ik heb een coach die ik via het leiderschapsprogramma heb gekregen.", functie="leidinggevende"),
    t("Het MT is een hecht team geworden, we zijn open naar elkaar.", functie="leidinggevende"),
    t("Ik ben zelf leidinggevende en weet dus hoe het werkt.", functie="leidinggevende"),
    "ik voel me vrij omdat ik weet dat ik gesteund word door het team",
    "dat ik bij de vertrouwens persoon terecht kan",
    "Mijn teamleider, die is eerlijk en recht door zee.",
    "Dat we elkaar in het team feedback geven, ook ongevraagd. Dat is normaal geworden.",
    "Het helpt dat mijn leidinggevende zelf ooit een melding heeft gedaan en daar open over vertelt.",
    "een veilige werkomgeving",
    "Ik heb een goede band opgebouwd met de mensen van HR.",
    "Er wordt bij ons niet moeilijk gedaan over fouten, ze worden gezien als leermoment.",
    "Dat ik zelfstandig werk en niet afhankelijk ben van één persoon.",
    "De tweewekelijkse een-op-een met mijn leidinggevende.",
    "Dat de integriteitscoördinator een gewone collega is die je ook bij de lunch tegenkomt.",
    "Vertrouwen dat mijn naam er niet bij genoemd wordt.",
    "Ik weet dat er zorgvuldig met meldingen wordt omgegaan, er is een vaste procedure en je krijgt altijd terugkoppeling.",
    "Ik ben niet bang uitgevallen.",
    "dat de mensen om me heen eerlijk zijn",
    "Collega's die ook kritisch durven te zijn. Dan sta je niet alleen.",
    "Dat er humor is in het team, daardoor is het minder zwaar om iets te bespreken.",
    "dat mijn lg altijd tijd maakt",
    "ff sparren met een collega kan altijd",
    "de VP vd organisatie is goed bereikbaar",
    "bijv. het werkoverleg, daar is altijd ruimte voor",
    "Geen idee eigenlijk, ik doe het gewoon als het nodig is.",
    "Ik heb geleerd om voor mezelf op te komen.",
    "Mijn opleiding heeft me geleerd hoe je zulke gesprekken voert.",
    "Ik ben van nature nieuwsgierig en stel veel vragen, ook over dingen die anderen liever laten liggen.",
    "Dat mijn leidinggevende geen verwijten maakt als iets misgaat.",
    "Een team waar niemand zich beter voelt dan een ander.",
    "De collega's van mijn vorige afdeling, daar heb ik nog steeds contact mee.",
    "In ons team is het heel normaal om te vragen 'mag dit eigenlijk wel?'",
    "Er is een meldpunt waar je ook anoniem terecht kunt, dat geeft rust.",
    "Dat het onderwerp terugkomt in het jaargesprek.",
    "Mijn directe collega is ook een goede vriendin, met haar bespreek ik alles.",
    "Ik heb met de VP gesproken en was blij verrast hoe goed dat ging.",
    "de open deur van mijn manager",
    "Ik voel me gesteund door het team en door de afdelingsmanager.",
    "Het vertrouwen dat de organisatie achter je staat als je iets meldt.",
    "Mijn manager vraagt altijd door, je voelt dat hij het echt wil weten.",
    "De sfeer is informeel en er wordt veel gelachen. Daardoor is het makkelijker om ook serieuze dingen te zeggen.",
    "Dat er een klokkenluidersregeling is die je beschermt.",
    "Omdat het bij ons een gewoonte is om twijfelgevallen met z'n tweeën te bekijken.",
    "Het idee dat het iedereen kan overkomen.",
    "Ik werk met jonge collega's die heel open zijn, dat werkt aanstekelijk.",
    "Teamleider die achter je staat, ook richting directie.",
    "Dat er in het MT een vast aanspreekpunt is voor integriteitsvragen.",
    "Openheid van mijn collega's, we zeggen het gewoon tegen elkaar als we iets raar vinden.",
    "niet veel, ik hou het liever voor me",
    "Mijn vakbondsachtergrond, ik ken mijn rechten.",
    "Een leidinggevende die zegt: als jij het een dilemma vindt, dan is het een dilemma.",
    "Dat het management de uitkomsten van het vorige onderzoek serieus heeft genomen en er iets mee gedaan heeft.",
]

V_POOLS[(MW, GEM)] = [
    "De gemeentesecretaris heeft integriteit echt tot speerpunt gemaakt. Er wordt over gesproken.",
    "Onze burgemeester komt regelmatig op de afdelingen en maakt het bespreekbaar.",
    "Kleine gemeente, korte lijnen. Ik kan zo bij de gemeentesecretaris binnenlopen.",
    "De integriteitscoördinator van de gemeente is bekend bij iedereen, ze staat ook op intranet met foto.",
    "Ik heb een keer met de wethouder een dilemma besproken en dat werd heel goed opgepakt.",
    "Het college laat merken dat ambtenaren tegenspraak mogen geven.",
    "Een goede sfeer op het gemeentehuis, we kennen elkaar allemaal.",
    "We hebben bij de gemeente de 'dilemmatafel', een maandelijks overleg waar je casussen kunt inbrengen.",
    t("De buitendienst is een hecht team, we zeggen het gewoon tegen elkaar.", functie="uitvoerend medewerker"),
    t("Ons team op het klantcontactcentrum heeft na agressie-incidenten altijd een nagesprek. Daar is ook ruimte voor andere dingen.", functie="uitvoerend medewerker"),
    "De afdeling vergunningen heeft een vast vier-ogenprincipe. Dan bespreek je elk twijfelgeval al automatisch met een collega.",
    "Vertrouwen in de gemeentesecretaris.",
    "Sinds de nieuwe directie is er een veel opener klimaat.",
    "Collega's in het sociaal domein zijn heel betrokken en we helpen elkaar.",
    "We werken samen met twee buurgemeenten, er is altijd wel iemand van een andere gemeente om mee te sparren.",
    t("De griffier is een fijne baas, heel integer en die houdt het voor zich.", functie="griffiemedewerker"),
    t("Op de griffie zijn we een klein, hecht team. Daar kan alles.", functie="griffiemedewerker"),
    t("Het presidium neemt signalen van de griffie serieus.", functie="griffiemedewerker"),
    "De wethouder waar ik voor werk vraagt actief om tegenspraak.",
    "Heldere afspraken over hoe je omgaat met verzoeken van bestuurders.",
    "Er is een vertrouwenspersoon die we delen met de regio, maar ze komt elke maand langs op het gemeentehuis.",
    t("Ik ben al 30 jaar bij de gemeente en ken iedereen. Ik durf wel.", leeftijd=("50-64", "65+")),
    "De gemeente organiseert elk jaar een integriteitsweek met workshops.",
    "De burgemeester heeft in een personeelsbijeenkomst gezegd dat ze achter iedereen staat die een melding doet. Dat heeft indruk gemaakt.",
    "Dat mijn teamleider me in bescherming neemt als een raadslid of wethouder te veel druk zet.",
    t("mijn collega's bij handhaving, we staan samen sterk", functie="uitvoerend medewerker"),
    "goede samenwerking met het bestuur",
    "Er is op het gemeentehuis een open sfeer. Ook de wethouders lopen gewoon binnen voor een praatje.",
    "ik werk bij een grote gemeente en er is een goed integriteitsbureau waar ik snel terecht kon",
    "Dat de gemeentesecretaris meldingen persoonlijk oppakt en terugkoppelt.",
    t("Ik heb als teamleider een goed contact met de concerndirecteur, daar kan ik alles kwijt.", functie="leidinggevende"),
    "Dat er in de gemeente een duidelijke procedure is voor wat je doet als een bestuurder iets vraagt wat niet kan.",
    "Een groot voordeel van een kleine gemeente: je kunt niet anoniem zijn, dus iedereen doet wat normaal is.",
    "Na het rapport over de cultuur op het stadhuis is er echt veel veranderd.",
    "Mijn team, we zijn een soort familie.",
    "Dat de wethouder bij ons op de afdeling komt en zelf ook dilemma's noemt.",
]

V_POOLS[(MW, PROV)] = [
    "De provincie heeft een goed integriteitsbureau en de vertrouwenspersonen zijn bekend.",
    "Het provinciehuis is groot, maar mijn team is klein en vertrouwd.",
    "Mijn leidinggevende schermt ons af van politieke druk vanuit GS.",
    "De directie heeft openheid tot kernwaarde gemaakt en doet dat ook echt.",
    "Er is een vast aanspreekpunt integriteit per directie.",
    "Het programma rond cultuur en integriteit dat de provincie heeft opgezet, met dilemmasessies per afdeling.",
    "De gedeputeerde van mijn portefeuille staat open voor ambtelijke tegenspraak.",
    "Dat ik eerder een melding heb gedaan over een subsidie en dat dat zorgvuldig is onderzocht.",
    "goede collega's op de afdeling",
    "De collega's van de Statengriffie zijn altijd bereid om mee te denken.",
    "Ik weet dat ik bij de integriteitsadviseur terecht kan, die heeft het team een keer bezocht.",
    "Vertrouwen in de provinciesecretaris.",
    "Dat we bij de provincie in teams werken met veel professionele ruimte.",
    "Mijn ervaring. Ik heb bij drie provincies gewerkt en weet hoe het spel gaat.",
    t("De statengriffier beschermt ons als medewerkers tegen druk van fracties.", functie="griffiemedewerker"),
]

V_POOLS[(MW, WS)] = [
    "Het waterschap is een nuchtere organisatie, je zegt gewoon waar het op staat.",
    t("Bij de zuivering zijn we een hecht ploegje.", functie="uitvoerend medewerker"),
    "De vertrouwenspersoon komt af en toe langs bij de buitenlocaties.",
    t("mijn ploegleider is een goeie vent, die staat achter ons", functie="uitvoerend medewerker"),
    "Vertrouwen in de directie van het waterschap.",
    t("We hebben een toolbox-meeting elke week, daar worden ook integriteit en veiligheid besproken.", functie="uitvoerend medewerker"),
    "Iedereen kent iedereen, dat maakt het juist makkelijk om dingen te zeggen.",
    "De secretaris-directeur heeft duidelijk gezegd dat meldingen welkom zijn.",
    "De collega's bij heffingen denken altijd mee bij lastige gevallen.",
    "Het waterschap heeft een heldere regeling voor relatiegeschenken. Dan hoef je niet te twijfelen.",
    "Mijn ervaring, ik werk hier al sinds de fusie.",
    "Goede verhouding met mijn leidinggevende.",
    "De veiligheidscultuur die we hebben opgebouwd geldt ook voor integriteit: iedereen mag het werk stilleggen als iets niet klopt.",
    "Integriteit is bij ons onderdeel van het werkoverleg.",
]

V_POOLS[(None, None)] = [
    "vertrouwenspersoon",
    "goede collega's",
    "Open sfeer.",
    "respect",
    "veiligheid",
    "Vertrouwen in de mensen om me heen.",
    "zelfvertrouwen",
    "Ervaring.",
    "Mijn karakter.",
    "openheid",
    "ik zeg altijd wat ik denk",
    "De sfeer.",
    "eerlijkheid",
    "Steun van collega's.",
    "Goede communicatie.",
    "dat ik serieus genomen word",
    "Niets, ik voel me niet vrij.",
    "Bespreek het liever thuis.",
    "Dat het vertrouwelijk blijft.",
    "goede onderlinge relaties",
    "gewoon doen",
    "Ik weet niet of ik me vrij voel.",
    "Mijn geweten.",
    "Dat ik weet bij wie ik terecht kan.",
    "Een luisterend oor.",
    "Korte lijnen.",
    "Laagdrempelig contact",
    "Discretie.",
    "Dat er niet over je gepraat wordt.",
    "vrijheid van meningsuiting",
    "Dat we het samen doen.",
    "de mensen",
    "positieve ervaringen",
    "De integriteitscode.",
    "Het voorbeeld van de leiding.",
]

# Korte antwoorden die in echte data vaker voorkomen.
V_SHORT = ["vertrouwenspersoon", "Vertrouwenspersoon", "goede collega's", "collega's",
           "open sfeer", "fijne collega's", "goede sfeer", "vertrouwen", "Vertrouwen.",
           "het team", "openheid", "steun"]


# ---------------------------------------------------------------------------
# Steekproefkenmerken en weging
# ---------------------------------------------------------------------------

P_DOELGROEP = {AMB: 0.40, MW: 0.60}
P_LAAG = {GEM: 0.70, PROV: 0.18, WS: 0.12}
P_FUNCTIE_AMB = {  # zonder burgemeester/CdK/dijkgraaf (zie TOP_FUNCTIES)
    GEM: {"raadslid": 0.82, "wethouder": 0.18},
    PROV: {"statenlid": 0.84, "gedeputeerde": 0.16},
    WS: {"algemeen bestuurslid": 1.0},
}
P_FUNCTIE_MW = {"beleidsmedewerker": 0.36, "uitvoerend medewerker": 0.24,
                "adviseur": 0.20, "leidinggevende": 0.14, "griffiemedewerker": 0.06}
P_GESLACHT = {
    AMB: {"man": 0.63, "vrouw": 0.35, "anders of zeg ik liever niet": 0.02},
    MW: {"man": 0.47, "vrouw": 0.51, "anders of zeg ik liever niet": 0.02},
}
P_LEEFTIJD = {
    AMB: {"18-34": 0.12, "35-49": 0.27, "50-64": 0.40, "65+": 0.21},
    MW: {"18-34": 0.22, "35-49": 0.33, "50-64": 0.41, "65+": 0.04},
}

# Ontwerpgewicht per doelgroep x bestuurslaag (de ambtsdragers bij provincie
# en waterschap zijn sterk overbemonsterd, medewerkers van gemeenten het minst),
# vermenigvuldigd met een kleine non-responscorrectie naar leeftijd en geslacht.
BASE_WEIGHT = {
    (AMB, GEM): 0.95, (AMB, PROV): 0.50, (AMB, WS): 0.42,
    (MW, GEM): 1.90, (MW, PROV): 1.20, (MW, WS): 0.85,
}
AGE_FACTOR = {"18-34": 1.22, "35-49": 1.04, "50-64": 0.93, "65+": 0.86}
SEX_FACTOR = {"man": 1.00, "vrouw": 1.04, "anders of zeg ik liever niet": 1.00}

SHARE_NONSUB = 0.07      # beoogd aandeel niet-inhoudelijke antwoorden per vraag
N_B_SHORT = 12           # aantal keer dat een kort, herhaald antwoord wordt gebruikt
N_V_SHORT = 10


def norm_entry(e) -> dict:
    return t(e) if isinstance(e, str) else e


def pick(rng: random.Random, dist: dict, allowed=None) -> str:
    items = [(k, p) for k, p in dist.items() if allowed is None or k in allowed]
    if not items:  # beperking valt buiten de verdeling: kies uniform uit toegestane
        return rng.choice(sorted(allowed))
    keys, probs = zip(*items, strict=True)
    return rng.choices(keys, weights=probs, k=1)[0]


def new_respondent(rng: random.Random, dg, laag, entry: dict | None = None) -> dict:
    entry = entry or t("")
    functies = entry["functie"]
    if functies:
        f0 = functies[0]
        dg = dg or (AMB if f0 in FUNCTIE_LAAG else MW)
        if f0 in FUNCTIE_LAAG:
            laag = laag or FUNCTIE_LAAG[f0]
    dg = dg or pick(rng, P_DOELGROEP)
    laag = laag or pick(rng, P_LAAG)
    if functies:
        functie = rng.choice(list(functies))
    elif dg == AMB:
        functie = pick(rng, P_FUNCTIE_AMB[laag])
    else:
        functie = pick(rng, P_FUNCTIE_MW)
    geslacht = pick(rng, P_GESLACHT[dg], entry["geslacht"])
    leeftijd_dist = dict(P_LEEFTIJD[dg])
    if functie in TOP_FUNCTIES or functie in ("wethouder", "gedeputeerde"):
        leeftijd_dist["18-34"] = 0.02
    leeftijd = pick(rng, leeftijd_dist, entry["leeftijd"])
    return {"doelgroep": dg, "bestuurslaag": laag, "functie": functie,
            "geslacht": geslacht, "leeftijdsgroep": leeftijd}


def compatible(key: tuple, entry: dict, r: dict) -> bool:
    dg, laag = key
    if dg is not None and dg != r["doelgroep"]:
        return False
    if laag is not None and laag != r["bestuurslaag"]:
        return False
    if r["functie"] in TOP_FUNCTIES and key != (None, None) and not entry["functie"]:
        return False  # algemene ambtsdragersantwoorden gaan over fracties e.d.
    for field, col in (("functie", "functie"), ("geslacht", "geslacht"),
                       ("leeftijd", "leeftijdsgroep")):
        if entry[field] and r[col] not in entry[field]:
            return False
    return True


def weight(rng: random.Random, r: dict) -> float:
    w = (BASE_WEIGHT[(r["doelgroep"], r["bestuurslaag"])]
         * AGE_FACTOR[r["leeftijdsgroep"]] * SEX_FACTOR[r["geslacht"]]
         * rng.uniform(0.92, 1.08))
    return round(min(3.0, max(0.3, w)), 2)


def build_respondents(rng: random.Random) -> list[dict]:
    resp: list[dict] = []
    # 1. Elk handgeschreven belemmeringen-antwoord bepaalt één respondent.
    for key, entries in B_POOLS.items():
        for e in entries:
            e = norm_entry(e)
            r = new_respondent(rng, key[0], key[1], e)
            r["belemmeringen"] = e["text"]
            r["_b_nonsub"] = False
            resp.append(r)
    # 2. Een paar korte antwoorden die vaker voorkomen.
    for _ in range(N_B_SHORT):
        r = new_respondent(rng, None, None)
        r["belemmeringen"] = rng.choice(B_SHORT)
        r["_b_nonsub"] = False
        resp.append(r)
    # 3. Niet-inhoudelijke antwoorden tot ~7% van het totaal.
    n_sub = len(resp)
    n_total = round(n_sub / (1 - SHARE_NONSUB))
    texts, wts = zip(*NONSUB, strict=True)
    for _ in range(n_total - n_sub):
        r = new_respondent(rng, None, None)
        r["belemmeringen"] = rng.choices(texts, weights=wts, k=1)[0]
        r["_b_nonsub"] = True
        resp.append(r)

    # 4. Vrij voelen: wie geen inhoudelijk antwoord gaf op vraag 1, doet dat
    #    vaker ook niet op vraag 2.
    n = len(resp)
    n_b_ns = sum(r["_b_nonsub"] for r in resp)
    p_after_ns = 0.55
    p_other = max(0.0, (SHARE_NONSUB * n - p_after_ns * n_b_ns) / (n - n_b_ns))
    for r in resp:
        p = p_after_ns if r["_b_nonsub"] else p_other
        r["_v_nonsub"] = rng.random() < p
        if r["_v_nonsub"]:
            r["vrij_voelen"] = rng.choices(texts, weights=wts, k=1)[0]

    todo = [r for r in resp if not r["_v_nonsub"]]
    for r in rng.sample(todo, N_V_SHORT):
        r["vrij_voelen"] = rng.choice(V_SHORT)
    todo = [r for r in todo if "vrij_voelen" not in r]

    v_entries = [(key, norm_entry(e)) for key, es in V_POOLS.items() for e in es]
    used = [False] * len(v_entries)
    # Respondenten met de minste passende antwoorden eerst.
    rng.shuffle(todo)
    todo.sort(key=lambda r: sum(compatible(k, e, r) for k, e in v_entries))
    for r in todo:
        cand = [i for i, (k, e) in enumerate(v_entries)
                if not used[i] and compatible(k, e, r)]
        if cand:
            i = rng.choice(cand)
            used[i] = True
            r["vrij_voelen"] = v_entries[i][1]["text"]
        else:
            r["vrij_voelen"] = rng.choice(V_SHORT)

    # 5. Volgorde husselen, nummeren en wegen.
    rng.shuffle(resp)
    for i, r in enumerate(resp, start=1):
        r["respondent_id"] = f"R{i:04d}"
        r["weging"] = f"{weight(rng, r):.2f}"
    return resp


def write_csv(resp: list[dict]) -> None:
    with open(CSV_PATH, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, delimiter=";", lineterminator="\r\n")
        w.writerow(COLUMNS)
        for r in resp:
            w.writerow([r[c] for c in COLUMNS])


# ---------------------------------------------------------------------------
# Interviewtranscripten (fictief)
# ---------------------------------------------------------------------------
# Elke beurt is één alinea. Een beurt zonder spreker (None) is een
# vervolgalinea van de vorige beurt.

INTERVIEWS: dict[str, dict] = {}

INTERVIEWS["kleine_gemeente"] = {
    "title": "Interview 1 – kleine gemeente, raadslid, 3 maart 2026 (fictief)",
    "turns": [
        ("Interviewer", "Dank dat u wilt meewerken. Zoals gezegd gaat dit gesprek over integriteit en over de vraag wat helpt of juist belemmert om dilemma's te bespreken. Alles wordt geanonimiseerd. Kunt u eerst iets vertellen over uzelf en uw rol?"),
        ("Respondent", "Ja hoor. Ik zit nu zes jaar in de raad van Haverveen, voor een lokale partij, Dorpsbelang. We zijn met drie raadsleden. Daarnaast heb ik een installatiebedrijf met acht man personeel, dus het raadswerk doe ik vooral 's avonds."),
        ("Interviewer", "Haverveen is een kleine gemeente. Merkt u dat in uw werk als raadslid?"),
        ("Respondent", "Enorm. Iedereen kent iedereen. Ik kom wethouders tegen bij de bakker, de burgemeester zingt in hetzelfde koor als mijn schoonzus. Dat is mooi, want je staat dicht bij de mensen, maar het maakt het ook lastig. Als er iets speelt, weet het halve dorp het voordat het in de raad is geweest."),
        ("Interviewer", "Kunt u een voorbeeld geven van een dilemma dat u de afgelopen tijd bent tegengekomen?"),
        ("Respondent", "Vorig jaar ging het over de uitbreiding van het bedrijventerrein. Een van de ondernemers die daar grond wilde kopen is een vaste klant van mij. Ik heb getwijfeld of ik mee kon stemmen. Formeel was er niks aan de hand, maar het voelde niet goed."),
        ("Interviewer", "Wat heeft u toen gedaan?"),
        ("Respondent", "Eerlijk gezegd heb ik er lang mee rondgelopen. Ik wist niet goed bij wie ik terecht kon. De griffier is aardig, maar die zit ook de hele dag met het college op de gang. En de burgemeester is dan wel de integriteitsbewaker, maar die is ook voorzitter van het college dat het voorstel deed."),
        ("Interviewer", "Dus het aanspreekpunt voelde niet onafhankelijk."),
        ("Respondent", "Precies. Uiteindelijk heb ik het met mijn fractievoorzitter besproken, Henk Jansen. Die zei: gewoon melden en je onthouden van stemming. Dat heb ik gedaan."),
        ("Interviewer", "Hoe werd daarop gereageerd?"),
        ("Respondent", "Wisselend. In de raad zelf viel het mee, maar op Facebook, in zo'n dorpsgroep, werd meteen gesuggereerd dat ik 'iets te verbergen' had. Dat was niet leuk. Mijn vrouw werd er in de supermarkt op aangesproken."),
        ("Interviewer", "Heeft dat invloed gehad op hoe u nu met dilemma's omgaat?"),
        ("Respondent", "Ja, ik ben voorzichtiger geworden. Niet in wat ik doe, maar wel in met wie ik het bespreek. Ik denk nu twee keer na voordat ik iets hardop zeg, ook binnen de raad. Je weet nooit wie het doorvertelt."),
        ("Interviewer", "Speelt dat wantrouwen breder in de raad?"),
        ("Respondent", "Sinds de kwestie met de vorige wethouder wel. Er is toen een integriteitsonderzoek geweest dat maanden heeft geduurd. Uiteindelijk kwam er een rapport waarin eigenlijk niets stond, en niemand heeft ooit uitgelegd wat er nu was gebeurd. Dat heeft veel kapotgemaakt. Mensen denken: als je iets meldt, gebeurt er toch niks, behalve dat iedereen boos op je is."),
        ("Interviewer", "Er is dus ook twijfel over wat er met meldingen gebeurt."),
        ("Respondent", "Ja. En dat geldt niet alleen voor de raad. Ik hoor van ambtenaren hetzelfde. Die zeggen: wij melden het bij onze leidinggevende en dan blijft het liggen."),
        ("Interviewer", "Hoe is de sfeer tussen coalitie en oppositie?"),
        ("Respondent", "Wij zitten in de oppositie. De coalitie bestaat uit drie partijen en die houden elkaar goed vast. Als wij een vraag stellen over integriteit, wordt dat meteen gezien als politiek spel. Soms is dat ook zo, laten we eerlijk zijn. Maar daardoor is er weinig ruimte om gewoon samen te zeggen: hier twijfelen we over, hoe gaan we hiermee om?"),
        ("Interviewer", "Zijn er ook dingen die het juist makkelijker maken om dilemma's te bespreken?"),
        ("Respondent", "Binnen onze eigen fractie gaat het goed. We zijn met z'n drieën, we kennen elkaar al twintig jaar en we hebben afgesproken dat wat we in de fractie bespreken daar ook blijft. Dat vertrouwen is goud waard."),
        (None, "En ik moet zeggen dat de nieuwe griffier, mevrouw Van den Berg, het goed oppakt. Ze is aan het begin van het jaar bij alle fracties langs geweest en heeft uitgelegd dat je bij haar terecht kunt, ook als je het vertrouwelijk wilt houden. Ik heb dat één keer gedaan, over een uitnodiging voor een etentje, en dat ging prima."),
        ("Interviewer", "Wat zou er volgens u moeten veranderen?"),
        ("Respondent", "Een vertrouwenspersoon voor raadsleden die niet in het gemeentehuis zit. Iemand van buiten, die geen belang heeft. Nu is er alleen een vertrouwenspersoon voor het personeel, en die wordt ook nog gedeeld met de buurgemeente."),
        ("Interviewer", "Is daar in de raad al over gesproken?"),
        ("Respondent", "Het is een keer in het presidium geweest. De burgemeester vond het een goed idee, maar het is daarna in een la verdwenen. Typisch. Er moet eerst iets misgaan voordat er iets gebeurt."),
        ("Interviewer", "U zei eerder dat u voorzichtiger bent geworden. Bent u bang voor gevolgen als u iets aankaart?"),
        ("Respondent", "Bang is een groot woord. Maar ik heb hier een bedrijf. Als ik ga roepen dat er iets niet deugt bij een wethouder of bij een ondernemer, dan kan dat gevolgen hebben voor mijn klanten. Dat weegt mee, dat moet ik eerlijk zeggen. En volgend jaar zijn er verkiezingen."),
        ("Interviewer", "Heeft u wel eens meegemaakt dat iemand benadeeld werd na een melding?"),
        ("Respondent", "Een collega-raadslid van een andere partij heeft ooit gemeld dat een wethouder privé contact had met een projectontwikkelaar. Die melding was terecht, bleek later. Maar zij werd daarna in de raad steeds weggezet als de lastpak. Ze is bij de volgende verkiezingen gestopt. Dat zegt wel iets."),
        ("Interviewer", "Wat zou u een nieuw raadslid meegeven?"),
        ("Respondent", "Zoek iemand die je vertrouwt, liefst buiten je eigen fractie en buiten de politiek. En vraag het liever vooraf dan achteraf. De griffie helpt je echt wel, als je de goede persoon treft."),
        ("Interviewer", "Zijn er nog dingen die u kwijt wilt?"),
        ("Respondent", "Alleen dat het goed is dat hier onderzoek naar gedaan wordt. Als jullie het verslag willen laten controleren: mijn nummer is 06-12345678, bel gerust."),
        ("Interviewer", "Dank u wel voor het gesprek."),
        ("Respondent", "Graag gedaan."),
    ],
}

INTERVIEWS["provincie"] = {
    "title": "Interview 2 – provincie, senior beleidsadviseur, 7 maart 2026 (fictief)",
    "turns": [
        ("I", "Fijn dat je tijd hebt. Zullen we beginnen met je functie?"),
        ("R", "Ik ben senior beleidsadviseur bij de provincie, in het programma landelijk gebied. Daarvoor heb ik acht jaar bij een gemeente gewerkt. Ik zit hier nu vier jaar."),
        ("I", "Wat voor integriteitsvragen kom je in je werk tegen?"),
        ("R", "Veel rond subsidies en grondverwerving. Wij werken met agrariërs, natuurorganisaties, adviesbureaus. Iedereen wil iets van de provincie. Soms word je uitgenodigd voor een veldbezoek met lunch, soms belt iemand rechtstreeks met de vraag of je 'even mee wilt kijken' naar een aanvraag. Dat zijn geen grote schandalen, maar het zijn wel de momenten waarop je moet nadenken."),
        ("I", "En bespreek je die momenten met collega's?"),
        ("R", "Met mijn directe collega's wel. We zitten met z'n vijven in een team en we hebben een vaste gewoonte: bij twijfel leg je het op tafel in het weekstartoverleg. Dat heeft onze teamleider, Karin, zo ingevoerd. Zij zegt altijd: als jij het een dilemma vindt, dan is het een dilemma."),
        ("I", "Dat klinkt als een open cultuur in het team."),
        ("R", "In het team wel, ja. Maar daarbuiten wordt het lastiger."),
        ("I", "Wat bedoel je daarmee?"),
        ("R", "Het stikstofdossier ligt politiek heel gevoelig. Er is veel druk vanuit GS om snel resultaten te laten zien. Op een gegeven moment kregen we van de directie het verzoek om een advies 'wat positiever te formuleren' voordat het naar de gedeputeerde ging. Daar voelde ik me niet prettig bij."),
        ("I", "Heb je daar iets mee gedaan?"),
        ("R", "Ik heb het bij mijn teamleider aangekaart. Zij stond achter me en heeft het opgenomen met de afdelingsmanager. Het advies is uiteindelijk niet aangepast, maar ik merkte wel dat ik daarna een tijdje niet meer bij de voorbereiding van de bestuurlijke overleggen werd betrokken."),
        ("I", "Denk je dat dat met elkaar te maken had?"),
        ("R", "Dat weet ik niet zeker. Dat is ook het lastige, het is nooit zwart-wit. Maar collega's zeiden ook: je staat nu wel bekend als iemand die moeilijk doet. En dat blijft hangen in een organisatie."),
        ("I", "Er is dus een zekere angst voor gevolgen?"),
        ("R", "Ja, niet zozeer voor ontslag of zo, ik heb een vaste aanstelling. Maar wel voor je positie, voor de leuke projecten. Voor collega's met een tijdelijk contract is het veel erger. Die zeggen gewoon niks."),
        ("I", "Weet je bij wie je terecht kunt als het binnen de lijn niet lukt?"),
        ("R", "Er is een integriteitsbureau en er zijn vertrouwenspersonen. Ik weet dat ze bestaan, het staat op intranet. Maar ik zou niet weten wie het zijn. Er hangen geen gezichten aan. En de integriteitsadviseur valt onder dezelfde directeur die het verzoek had gedaan, dus daar ga je ook niet heen."),
        ("I", "Dat is een duidelijk punt. Hoe zou het beter kunnen?"),
        ("R", "Zichtbaarheid. Laat de vertrouwenspersonen eens langskomen in een teamoverleg. En zorg dat het integriteitsbureau onafhankelijk is van de lijn. Bij mijn vorige werkgever, een gemeente, kwam de vertrouwenspersoon één keer per jaar langs bij elk team. Iedereen wist wie ze was. Dat scheelt echt."),
        ("I", "Je zei eerder dat het in je team goed gaat. Wat maakt dat zo?"),
        ("R", "Vertrouwen, vooral. We kennen elkaar goed, we lunchen samen. En Karin geeft zelf het voorbeeld: ze vertelt het ook als zij twijfelt of als ze iets fout heeft gedaan. Dat maakt het normaal."),
        (None, "Daarnaast helpt het dat we in het team afspraken hebben gemaakt over vertrouwelijkheid. Wat we in het weekstartoverleg bespreken over dilemma's, gaat niet verder zonder dat degene die het inbracht dat goed vindt. Dat klinkt vanzelfsprekend, maar dat is het niet."),
        ("I", "En in de rest van de provincie?"),
        ("R", "Daar is het wisselend. Er zijn afdelingen waar het echt ieder voor zich is. Mensen zitten op hun eigen eilandje en houden hun informatie vast. Er wordt ook behoorlijk geroddeld. Als ergens iets misgaat, weet de halve organisatie het voordat de betrokkene het zelf weet."),
        ("I", "Speelt de politiek daarin een rol?"),
        ("R", "Zeker. Alles wat uitlekt kan een statenvraag worden. Of een Woo-verzoek. Daardoor is iedereen op zijn hoede en wordt er veel mondeling en weinig op papier gedaan. Dat is eigenlijk ook een integriteitsrisico."),
        ("I", "Heb je zelf ooit iets formeel gemeld?"),
        ("R", "Eén keer, over een subsidieaanvraag waarbij de adviseur van de aanvrager een oud-collega van ons was die nog contact had met de behandelaar. Ik heb het via het meldformulier gedaan. Ik kreeg een ontvangstbevestiging, en daarna niets meer. Geen terugkoppeling. Na een half jaar heb ik zelf nagevraagd en toen kreeg ik te horen dat het 'was afgehandeld'."),
        ("I", "Hoe voelde dat?"),
        ("R", "Onbevredigend. Ik snap dat ze niet alles kunnen vertellen, privacy en zo. Maar een zin als 'we hebben het onderzocht en er zijn maatregelen genomen' had al geholpen. Nu denk je: waarom zou ik het de volgende keer nog doen?"),
        ("I", "Als je één ding zou mogen veranderen, wat zou dat zijn?"),
        ("R", "Terugkoppeling. En een vertrouwenspersoon met een gezicht. Dat zijn er twee, sorry."),
        ("I", "Geen probleem. Dank je wel voor je openheid."),
        ("R", "Graag gedaan. Succes met het onderzoek."),
    ],
}

_DB = "Heemraad De Boer"
INTERVIEWS["waterschap"] = {
    "title": "Interview 3 – waterschap, 14 maart 2026 (fictief)",
    "turns": [
        ("Interviewer", "Goedemiddag. Dank dat u tijd vrijmaakt. Kunt u kort uw rol in het waterschap toelichten?"),
        (_DB, "Zeker. Ik ben heemraad, dus lid van het dagelijks bestuur, met in mijn portefeuille waterkeringen en de relatie met de agrarische sector. Dit is mijn tweede periode. Daarvoor zat ik vier jaar in het algemeen bestuur namens de geborgde zetels voor ongebouwd."),
        ("Interviewer", "Welke integriteitsvragen spelen er in uw werk?"),
        (_DB, "Het lastige bij een waterschap is dat bestuurders vaak zelf belanghebbende zijn. Ik ben melkveehouder. Als wij besluiten nemen over peilbeheer of over een nieuwe waterberging, raakt dat boeren in de regio, en dus ook mensen die ik ken, soms familie. Dat hoort bij het systeem met geborgde zetels, maar het vraagt veel van je."),
        ("Interviewer", "Hoe gaat u daarmee om?"),
        (_DB, "Ik meld het als ik een persoonlijk belang heb en ik onthoud me dan van de besluitvorming. Dat is de regel. Maar de grijze gebieden zijn lastiger. Wat als het niet om je eigen bedrijf gaat, maar om dat van je buurman, met wie je elke week koffie drinkt?"),
        ("Interviewer", "Bespreekt u zulke grijze gebieden met anderen in het bestuur?"),
        (_DB, "Met de dijkgraaf wel. Dijkgraaf Hoekstra is daar heel goed in, die neemt er de tijd voor en denkt mee zonder te oordelen. In het DB hebben we ook afgesproken dat we elk kwartaal een half uur aan integriteit besteden, met casussen. Dat helpt."),
        ("Interviewer", "En met het algemeen bestuur?"),
        (_DB, "Dat is moeilijker. Het AB komt één keer per maand bij elkaar, en de verhoudingen zijn daar de laatste jaren scherper geworden. Er zijn nieuwe partijen bijgekomen die kritisch zijn op de geborgde zetels. Als ik daar een twijfel uitspreek over een agrarisch belang, wordt dat onmiddellijk gebruikt als bewijs dat het systeem niet deugt."),
        ("Interviewer", "De politisering maakt het dus lastiger?"),
        (_DB, "Ja. Vroeger was het waterschap een technisch bestuur, iedereen wilde droge voeten. Nu is het ook een politieke arena. Dat heeft voordelen, maar het maakt je voorzichtiger. Ik zeg in het AB niet meer alles wat ik denk."),
        ("Interviewer", "Bent u bang voor gevolgen als u dat wel doet?"),
        (_DB, "Niet voor mijn positie, daar zit ik niet mee. Maar wel voor de verhoudingen. En voor mijn familie. Mijn zoon heeft het bedrijf grotendeels overgenomen en ik wil niet dat hij last krijgt van dingen die ik in het bestuur zeg. In een agrarische gemeenschap praat iedereen met iedereen."),
        (None, "Vorig jaar is er na een AB-vergadering een bericht rondgegaan in een appgroep van boeren, met daarin een uitspraak van mij die uit zijn verband was gehaald. Mijn zoon werd erop aangesproken bij de coöperatie. Zulke dingen blijven hangen."),
        ("Interviewer", "Is er binnen het waterschap een vertrouwenspersoon of meldpunt voor bestuurders?"),
        (_DB, "Voor medewerkers wel, die hebben een interne en een externe vertrouwenspersoon. Voor bestuurders is dat onduidelijk. Formeel is de dijkgraaf het aanspreekpunt. Maar als het over de dijkgraaf zelf gaat, of als je een dilemma hebt dat je liever niet met de voorzitter bespreekt, dan weet ik eerlijk gezegd niet waar je heen moet."),
        ("Interviewer", "Heeft u zicht op hoe dat voor medewerkers werkt?"),
        (_DB, "Ik hoor wel eens wat. Bij de buitendienst is het een cultuur van 'niet zeuren, doorwerken'. Een paar jaar terug heeft een medewerker van de zuivering gemeld dat een aannemer cadeaus gaf aan een opzichter. Dat is onderzocht, maar de melder voelde zich daarna niet meer welkom op de locatie en is vertrokken. Zulke verhalen gaan rond en die doen veel kwaad."),
        ("Interviewer", "Wat had er anders gemoeten?"),
        (_DB, "Die melder had beschermd moeten worden. En er had duidelijk teruggekoppeld moeten worden wat er met de melding is gedaan. Nu ging het verhaal rond dat er 'niks mee gedaan' was, terwijl er wel maatregelen zijn genomen. Maar niemand wist dat."),
        ("Interviewer", "Wat zorgt ervoor dat u zich wél vrij voelt om dilemma's te bespreken?"),
        (_DB, "Ervaring, denk ik. Ik ben 63, ik heb veel meegemaakt, ik laat me niet snel gek maken. En de goede band met de dijkgraaf en met de secretaris-directeur, mevrouw Verbeek. Met haar kan ik alles bespreken en ik weet dat het binnenskamers blijft."),
        ("Interviewer", "En jongere bestuurders, die misschien minder ervaring hebben?"),
        (_DB, "Die hebben het moeilijker. We hebben nu een paar AB-leden van in de dertig en die vinden het spannend. Daarom pleit ik voor een mentorsysteem: koppel een nieuw AB-lid aan een ervaren lid van een andere fractie. Dan heb je iemand om mee te sparren zonder dat het meteen politiek wordt."),
        ("Interviewer", "Is daar draagvlak voor?"),
        (_DB, "In het DB wel. In het AB moeten we het nog bespreken. Ik hoop dat het niet weer in de la verdwijnt, zoals de vorige keer met het voorstel voor een externe vertrouwenspersoon voor bestuurders."),
        ("Interviewer", "Dat was dus al eens voorgesteld?"),
        (_DB, "Twee jaar geleden, ja. Iedereen was het erover eens, en toen gebeurde er niets. Zo gaat dat soms."),
        ("Interviewer", "Heeft u tot slot nog iets wat u kwijt wilt?"),
        (_DB, "Alleen dat integriteit bij waterschappen wat mij betreft meer aandacht verdient. Wij gaan over veel geld en over grond, en de lijnen zijn kort. Dat is een kracht, maar ook een risico."),
        ("Interviewer", "Hartelijk dank voor dit gesprek."),
        (_DB, "Graag gedaan."),
    ],
}

FIXED_DATE = datetime(2026, 3, 14, 12, 0, 0)


def _normalise_zip(data: bytes) -> bytes:
    """Herschrijf de .docx-zip met vaste tijdstempels (reproduceerbare bytes)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_DATE.timetuple()[:6])
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


def write_interviews() -> list[Path]:
    from docx import Document  # python-docx
    from docx.shared import Pt

    INTERVIEW_DIR.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, iv in INTERVIEWS.items():
        doc = Document()
        cp = doc.core_properties
        cp.title = iv["title"]
        cp.author = "Fictieve demodata (coding)"
        cp.last_modified_by = "Fictieve demodata (coding)"
        cp.comments = "Verzonnen interview voor demonstratiedoeleinden."
        cp.created = FIXED_DATE
        cp.modified = FIXED_DATE
        cp.revision = 1
        title = doc.add_paragraph()
        run = title.add_run(iv["title"])
        run.bold = True
        run.font.size = Pt(14)
        for speaker, text in iv["turns"]:
            doc.add_paragraph(text if speaker is None else f"{speaker}: {text}")
        buf = io.BytesIO()
        doc.save(buf)
        path = INTERVIEW_DIR / f"{name}.docx"
        path.write_bytes(_normalise_zip(buf.getvalue()))
        paths.append(path)
    return paths


def main() -> None:
    rng = random.Random(SEED)
    resp = build_respondents(rng)
    write_csv(resp)
    print(f"{CSV_PATH.relative_to(HERE.parent.parent)}: {len(resp)} respondenten")
    for p in write_interviews():
        print(p.relative_to(HERE.parent.parent))


if __name__ == "__main__":
    main()
