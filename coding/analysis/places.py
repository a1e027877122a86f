"""Dutch place names for the personal-data fallback: the municipalities (2024), common aliases, the provinces.

A place name in a quote can identify a respondent (one wethouder in one gemeente), so they are masked as
``[plaats]``. The list is deliberately plain data; keep it sorted per province.
"""

from __future__ import annotations

_MUNICIPALITIES = """
Achtkarspelen|Ameland|Dantumadiel|De Fryske Marren|Harlingen|Heerenveen|Leeuwarden|Noardeast-Fryslân|Ooststellingwerf|
Opsterland|Schiermonnikoog|Smallingerland|Súdwest-Fryslân|Terschelling|Tytsjerksteradiel|Vlieland|Waadhoeke|
Weststellingwerf|Eemsdelta|Groningen|Het Hogeland|Midden-Groningen|Oldambt|Pekela|Stadskanaal|Veendam|Westerkwartier|
Westerwolde|Aa en Hunze|Assen|Borger-Odoorn|Coevorden|De Wolden|Emmen|Hoogeveen|Meppel|Midden-Drenthe|Noordenveld|
Tynaarlo|Westerveld|Almelo|Borne|Dalfsen|Deventer|Dinkelland|Enschede|Haaksbergen|Hardenberg|Hellendoorn|Hengelo|
Hof van Twente|Kampen|Losser|Oldenzaal|Olst-Wijhe|Ommen|Raalte|Rijssen-Holten|Staphorst|Steenwijkerland|Tubbergen|
Twenterand|Wierden|Zwartewaterland|Zwolle|Almere|Dronten|Lelystad|Noordoostpolder|Urk|Zeewolde|Aalten|Apeldoorn|
Arnhem|Barneveld|Berg en Dal|Berkelland|Bronckhorst|Brummen|Buren|Culemborg|Doesburg|Doetinchem|Druten|Duiven|Ede|
Elburg|Epe|Ermelo|Harderwijk|Hattem|Heerde|Heumen|Lingewaard|Lochem|Maasdriel|Montferland|Neder-Betuwe|Nijkerk|
Nijmegen|Nunspeet|Oldebroek|Oost Gelre|Oude IJsselstreek|Overbetuwe|Putten|Renkum|Rheden|Rozendaal|Scherpenzeel|Tiel|
Voorst|Wageningen|West Betuwe|West Maas en Waal|Westervoort|Wijchen|Winterswijk|Zaltbommel|Zevenaar|Zutphen|
Amersfoort|Baarn|Bunnik|Bunschoten|De Bilt|De Ronde Venen|Eemnes|Houten|IJsselstein|Leusden|Lopik|Montfoort|
Nieuwegein|Oudewater|Renswoude|Rhenen|Soest|Stichtse Vecht|Utrecht|Utrechtse Heuvelrug|Veenendaal|Vijfheerenlanden|
Wijk bij Duurstede|Woerden|Woudenberg|Zeist|Aalsmeer|Alkmaar|Amstelveen|Amsterdam|Bergen|Beverwijk|Blaricum|
Bloemendaal|Castricum|Den Helder|Diemen|Dijk en Waard|Drechterland|Edam-Volendam|Enkhuizen|Gooise Meren|Haarlem|
Haarlemmermeer|Heemskerk|Heemstede|Heiloo|Hilversum|Hollands Kroon|Hoorn|Huizen|Koggenland|Landsmeer|Laren|Medemblik|
Oostzaan|Opmeer|Ouder-Amstel|Purmerend|Schagen|Stede Broec|Texel|Uitgeest|Uithoorn|Velsen|Waterland|Weesp|Wijdemeren|
Wormerland|Zaanstad|Zandvoort|Alblasserdam|Alphen aan den Rijn|Barendrecht|Bodegraven-Reeuwijk|Capelle aan den IJssel|
Delft|Dordrecht|Goeree-Overflakkee|Gorinchem|Gouda|Hardinxveld-Giessendam|Hendrik-Ido-Ambacht|Hillegom|Hoeksche Waard|
Kaag en Braassem|Katwijk|Krimpen aan den IJssel|Krimpenerwaard|Lansingerland|Leiden|Leiderdorp|Leidschendam-Voorburg|
Lisse|Maassluis|Midden-Delfland|Molenlanden|Nieuwkoop|Noordwijk|Oegstgeest|Papendrecht|Pijnacker-Nootdorp|Ridderkerk|
Rijswijk|Rotterdam|Schiedam|Sliedrecht|Teylingen|Vlaardingen|Voorne aan Zee|Voorschoten|Waddinxveen|Wassenaar|
Westland|Zoetermeer|Zoeterwoude|Zuidplas|Zwijndrecht|Den Haag|'s-Gravenhage|Borsele|Goes|Hulst|Kapelle|Middelburg|
Noord-Beveland|Reimerswaal|Schouwen-Duiveland|Sluis|Terneuzen|Tholen|Veere|Vlissingen|Alphen-Chaam|Altena|Asten|
Baarle-Nassau|Bergeijk|Bergen op Zoom|Bernheze|Best|Bladel|Boekel|Boxtel|Breda|Cranendonck|Deurne|Dongen|Drimmelen|
Eersel|Eindhoven|Etten-Leur|Geertruidenberg|Geldrop-Mierlo|Gemert-Bakel|Gilze en Rijen|Goirle|Halderberge|
Heeze-Leende|Helmond|Heusden|Hilvarenbeek|Laarbeek|Land van Cuijk|Loon op Zand|Maashorst|Meierijstad|Moerdijk|Nuenen|
Oirschot|Oisterwijk|Oosterhout|Oss|Reusel-De Mierden|Roosendaal|Rucphen|Sint-Michielsgestel|Someren|Son en Breugel|
Steenbergen|Tilburg|Valkenswaard|Veldhoven|Vught|Waalre|Waalwijk|Woensdrecht|Zundert|'s-Hertogenbosch|Den Bosch|Beek|
Beekdaelen|Beesel|Bergen (L)|Brunssum|Echt-Susteren|Eijsden-Margraten|Gennep|Gulpen-Wittem|Heerlen|Horst aan de Maas|
Kerkrade|Landgraaf|Leudal|Maasgouw|Maastricht|Meerssen|Mook en Middelaar|Nederweert|Peel en Maas|Roerdalen|Roermond|
Simpelveld|Sittard-Geleen|Stein|Vaals|Valkenburg aan de Geul|Venlo|Venray|Voerendaal|Weert
"""

_PROVINCES = """
Drenthe|Flevoland|Friesland|Fryslân|Gelderland|Groningen|Limburg|Noord-Brabant|Brabant|Noord-Holland|Overijssel|
Utrecht|Zeeland|Zuid-Holland|Twente|Achterhoek|Veluwe|Betuwe
"""


def _names(block: str) -> set[str]:
    return {name.strip() for name in block.replace("\n", "").split("|") if name.strip()}


#: Municipalities, their common aliases, provinces and well-known regions.
PLACE_NAMES: frozenset[str] = frozenset(
    name for name in _names(_MUNICIPALITIES) | _names(_PROVINCES) if not name.endswith(")")
)

#: Place names that are also ordinary Dutch words: only a place when they do not open a sentence.
AMBIGUOUS_PLACES: frozenset[str] = frozenset(
    {"Best", "Goes", "Putten", "Buren", "Sluis", "Laren", "Bergen", "Weert", "Hulst", "Beek", "Voorst", "Houten",
     "Stein", "Epe", "Ede", "Oss", "Tiel", "Heerde", "Lopik", "Dongen", "Gennep", "Wierden"}
)
