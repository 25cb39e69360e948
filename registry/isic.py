"""ISIC Rev.4 (United Nations) sections and divisions with names in English, Spanish (CIIU
Rev.4) and Portuguese. Pure data, read by the seeding migration: ``(code, section, en, es, pt)``
where ``section`` is empty for a section.

``SectorLookup`` reads a sector as people write it (code, code with its section letter, or
name in any language) for the CSV import."""

import re

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from portal.vocabularies import closest, fold_words

SECTIONS = [
    (
        "A",
        "",
        "Agriculture, forestry and fishing",
        "Agricultura, ganadería, silvicultura y pesca",
        "Agricultura, pecuária, produção florestal e pesca",
    ),
    ("B", "", "Mining and quarrying", "Explotación de minas y canteras", "Indústrias extrativas"),
    ("C", "", "Manufacturing", "Industrias manufactureras", "Indústrias de transformação"),
    (
        "D",
        "",
        "Electricity, gas, steam and air conditioning supply",
        "Suministro de electricidad, gas, vapor y aire acondicionado",
        "Eletricidade, gás, vapor e ar condicionado",
    ),
    (
        "E",
        "",
        "Water supply; sewerage, waste management and remediation activities",
        "Suministro de agua; evacuación de aguas residuales, gestión de desechos y descontaminación",
        "Água, esgoto, gestão de resíduos e descontaminação",
    ),
    ("F", "", "Construction", "Construcción", "Construção"),
    (
        "G",
        "",
        "Wholesale and retail trade; repair of motor vehicles and motorcycles",
        "Comercio al por mayor y al por menor; reparación de vehículos automotores y motocicletas",
        "Comércio; reparação de veículos automotores e motocicletas",
    ),
    (
        "H",
        "",
        "Transportation and storage",
        "Transporte y almacenamiento",
        "Transporte, armazenagem e correio",
    ),
    (
        "I",
        "",
        "Accommodation and food service activities",
        "Actividades de alojamiento y de servicio de comidas",
        "Alojamento e alimentação",
    ),
    (
        "J",
        "",
        "Information and communication",
        "Información y comunicaciones",
        "Informação e comunicação",
    ),
    (
        "K",
        "",
        "Financial and insurance activities",
        "Actividades financieras y de seguros",
        "Atividades financeiras e de seguros",
    ),
    ("L", "", "Real estate activities", "Actividades inmobiliarias", "Atividades imobiliárias"),
    (
        "M",
        "",
        "Professional, scientific and technical activities",
        "Actividades profesionales, científicas y técnicas",
        "Atividades profissionais, científicas e técnicas",
    ),
    (
        "N",
        "",
        "Administrative and support service activities",
        "Actividades de servicios administrativos y de apoyo",
        "Atividades administrativas e serviços complementares",
    ),
    (
        "O",
        "",
        "Public administration and defence; compulsory social security",
        "Administración pública y defensa; planes de seguridad social de afiliación obligatoria",
        "Administração pública, defesa e seguridade social",
    ),
    ("P", "", "Education", "Enseñanza", "Educação"),
    (
        "Q",
        "",
        "Human health and social work activities",
        "Actividades de atención de la salud humana y de asistencia social",
        "Saúde humana e serviços sociais",
    ),
    (
        "R",
        "",
        "Arts, entertainment and recreation",
        "Actividades artísticas, de entretenimiento y recreativas",
        "Artes, cultura, esporte e recreação",
    ),
    (
        "S",
        "",
        "Other service activities",
        "Otras actividades de servicios",
        "Outras atividades de serviços",
    ),
    (
        "T",
        "",
        "Activities of households as employers; undifferentiated goods- and services-producing activities of households for own use",
        "Actividades de los hogares como empleadores; actividades no diferenciadas de los hogares como productores de bienes y servicios para uso propio",
        "Serviços domésticos; atividades indiferenciadas de produção de bens e serviços das famílias para uso próprio",
    ),
    (
        "U",
        "",
        "Activities of extraterritorial organizations and bodies",
        "Actividades de organizaciones y órganos extraterritoriales",
        "Organismos internacionais e outras instituições extraterritoriais",
    ),
]

DIVISIONS = [
    (
        "01",
        "A",
        "Crop and animal production, hunting and related service activities",
        "Agricultura, ganadería, caza y actividades de servicios conexas",
        "Agricultura, pecuária, caça e serviços relacionados",
    ),
    (
        "02",
        "A",
        "Forestry and logging",
        "Silvicultura y extracción de madera",
        "Produção florestal",
    ),
    ("03", "A", "Fishing and aquaculture", "Pesca y acuicultura", "Pesca e aquicultura"),
    (
        "05",
        "B",
        "Mining of coal and lignite",
        "Extracción de carbón de piedra y lignito",
        "Extração de carvão mineral",
    ),
    (
        "06",
        "B",
        "Extraction of crude petroleum and natural gas",
        "Extracción de petróleo crudo y gas natural",
        "Extração de petróleo e gás natural",
    ),
    (
        "07",
        "B",
        "Mining of metal ores",
        "Extracción de minerales metalíferos",
        "Extração de minerais metálicos",
    ),
    (
        "08",
        "B",
        "Other mining and quarrying",
        "Explotación de otras minas y canteras",
        "Extração de minerais não metálicos",
    ),
    (
        "09",
        "B",
        "Mining support service activities",
        "Actividades de servicios de apoyo para la explotación de minas y canteras",
        "Atividades de apoio à extração de minerais",
    ),
    (
        "10",
        "C",
        "Manufacture of food products",
        "Elaboración de productos alimenticios",
        "Fabricação de produtos alimentícios",
    ),
    ("11", "C", "Manufacture of beverages", "Elaboración de bebidas", "Fabricação de bebidas"),
    (
        "12",
        "C",
        "Manufacture of tobacco products",
        "Elaboración de productos de tabaco",
        "Fabricação de produtos do fumo",
    ),
    (
        "13",
        "C",
        "Manufacture of textiles",
        "Fabricación de productos textiles",
        "Fabricação de produtos têxteis",
    ),
    (
        "14",
        "C",
        "Manufacture of wearing apparel",
        "Fabricación de prendas de vestir",
        "Confecção de artigos do vestuário",
    ),
    (
        "15",
        "C",
        "Manufacture of leather and related products",
        "Fabricación de productos de cuero y productos conexos",
        "Preparação de couros e fabricação de artefatos de couro e calçados",
    ),
    (
        "16",
        "C",
        "Manufacture of wood and of products of wood and cork, except furniture",
        "Producción de madera y fabricación de productos de madera y corcho, excepto muebles",
        "Fabricação de produtos de madeira e cortiça, exceto móveis",
    ),
    (
        "17",
        "C",
        "Manufacture of paper and paper products",
        "Fabricación de papel y de productos de papel",
        "Fabricação de celulose, papel e produtos de papel",
    ),
    (
        "18",
        "C",
        "Printing and reproduction of recorded media",
        "Impresión y reproducción de grabaciones",
        "Impressão e reprodução de gravações",
    ),
    (
        "19",
        "C",
        "Manufacture of coke and refined petroleum products",
        "Fabricación de coque y productos de la refinación del petróleo",
        "Fabricação de coque e derivados do petróleo",
    ),
    (
        "20",
        "C",
        "Manufacture of chemicals and chemical products",
        "Fabricación de sustancias y productos químicos",
        "Fabricação de produtos químicos",
    ),
    (
        "21",
        "C",
        "Manufacture of basic pharmaceutical products and pharmaceutical preparations",
        "Fabricación de productos farmacéuticos, sustancias químicas medicinales y productos botánicos",
        "Fabricação de produtos farmoquímicos e farmacêuticos",
    ),
    (
        "22",
        "C",
        "Manufacture of rubber and plastics products",
        "Fabricación de productos de caucho y de plástico",
        "Fabricação de produtos de borracha e de material plástico",
    ),
    (
        "23",
        "C",
        "Manufacture of other non-metallic mineral products",
        "Fabricación de otros productos minerales no metálicos",
        "Fabricação de produtos de minerais não metálicos",
    ),
    ("24", "C", "Manufacture of basic metals", "Fabricación de metales comunes", "Metalurgia"),
    (
        "25",
        "C",
        "Manufacture of fabricated metal products, except machinery and equipment",
        "Fabricación de productos elaborados de metal, excepto maquinaria y equipo",
        "Fabricação de produtos de metal, exceto máquinas e equipamentos",
    ),
    (
        "26",
        "C",
        "Manufacture of computer, electronic and optical products",
        "Fabricación de productos de informática, de electrónica y de óptica",
        "Fabricação de equipamentos de informática, produtos eletrônicos e ópticos",
    ),
    (
        "27",
        "C",
        "Manufacture of electrical equipment",
        "Fabricación de equipo eléctrico",
        "Fabricação de máquinas, aparelhos e materiais elétricos",
    ),
    (
        "28",
        "C",
        "Manufacture of machinery and equipment n.e.c.",
        "Fabricación de maquinaria y equipo n.c.p.",
        "Fabricação de máquinas e equipamentos n.e.",
    ),
    (
        "29",
        "C",
        "Manufacture of motor vehicles, trailers and semi-trailers",
        "Fabricación de vehículos automotores, remolques y semirremolques",
        "Fabricação de veículos automotores, reboques e carrocerias",
    ),
    (
        "30",
        "C",
        "Manufacture of other transport equipment",
        "Fabricación de otro equipo de transporte",
        "Fabricação de outros equipamentos de transporte",
    ),
    ("31", "C", "Manufacture of furniture", "Fabricación de muebles", "Fabricação de móveis"),
    (
        "32",
        "C",
        "Other manufacturing",
        "Otras industrias manufactureras",
        "Fabricação de produtos diversos",
    ),
    (
        "33",
        "C",
        "Repair and installation of machinery and equipment",
        "Reparación e instalación de maquinaria y equipo",
        "Manutenção, reparação e instalação de máquinas e equipamentos",
    ),
    (
        "35",
        "D",
        "Electricity, gas, steam and air conditioning supply",
        "Suministro de electricidad, gas, vapor y aire acondicionado",
        "Eletricidade, gás e outras utilidades",
    ),
    (
        "36",
        "E",
        "Water collection, treatment and supply",
        "Captación, tratamiento y distribución de agua",
        "Captação, tratamento e distribuição de água",
    ),
    ("37", "E", "Sewerage", "Evacuación de aguas residuales", "Esgoto e atividades relacionadas"),
    (
        "38",
        "E",
        "Waste collection, treatment and disposal activities; materials recovery",
        "Recogida, tratamiento y eliminación de desechos; recuperación de materiales",
        "Coleta, tratamento e disposição de resíduos; recuperação de materiais",
    ),
    (
        "39",
        "E",
        "Remediation activities and other waste management services",
        "Actividades de descontaminación y otros servicios de gestión de desechos",
        "Descontaminação e outros serviços de gestão de resíduos",
    ),
    (
        "41",
        "F",
        "Construction of buildings",
        "Construcción de edificios",
        "Construção de edifícios",
    ),
    ("42", "F", "Civil engineering", "Obras de ingeniería civil", "Obras de infraestrutura"),
    (
        "43",
        "F",
        "Specialized construction activities",
        "Actividades especializadas de construcción",
        "Serviços especializados para construção",
    ),
    (
        "45",
        "G",
        "Wholesale and retail trade and repair of motor vehicles and motorcycles",
        "Comercio al por mayor y al por menor y reparación de vehículos automotores y motocicletas",
        "Comércio e reparação de veículos automotores e motocicletas",
    ),
    (
        "46",
        "G",
        "Wholesale trade, except of motor vehicles and motorcycles",
        "Comercio al por mayor, excepto el de vehículos automotores y motocicletas",
        "Comércio por atacado, exceto veículos automotores e motocicletas",
    ),
    (
        "47",
        "G",
        "Retail trade, except of motor vehicles and motorcycles",
        "Comercio al por menor, excepto el de vehículos automotores y motocicletas",
        "Comércio varejista",
    ),
    (
        "49",
        "H",
        "Land transport and transport via pipelines",
        "Transporte por vía terrestre y transporte por tuberías",
        "Transporte terrestre e dutoviário",
    ),
    ("50", "H", "Water transport", "Transporte por vía acuática", "Transporte aquaviário"),
    ("51", "H", "Air transport", "Transporte por vía aérea", "Transporte aéreo"),
    (
        "52",
        "H",
        "Warehousing and support activities for transportation",
        "Almacenamiento y actividades de apoyo al transporte",
        "Armazenamento e atividades auxiliares dos transportes",
    ),
    (
        "53",
        "H",
        "Postal and courier activities",
        "Actividades postales y de mensajería",
        "Correio e outras atividades de entrega",
    ),
    ("55", "I", "Accommodation", "Actividades de alojamiento", "Alojamento"),
    (
        "56",
        "I",
        "Food and beverage service activities",
        "Actividades de servicio de comidas y bebidas",
        "Alimentação",
    ),
    (
        "58",
        "J",
        "Publishing activities",
        "Actividades de edición",
        "Edição e edição integrada à impressão",
    ),
    (
        "59",
        "J",
        "Motion picture, video and television programme production, sound recording and music publishing activities",
        "Actividades de producción de películas cinematográficas, vídeos y programas de televisión, grabación de sonido y edición de música",
        "Atividades cinematográficas, produção de vídeos e de programas de televisão, gravação de som e edição de música",
    ),
    (
        "60",
        "J",
        "Programming and broadcasting activities",
        "Actividades de programación y transmisión",
        "Atividades de rádio e de televisão",
    ),
    ("61", "J", "Telecommunications", "Telecomunicaciones", "Telecomunicações"),
    (
        "62",
        "J",
        "Computer programming, consultancy and related activities",
        "Programación informática, consultoría de informática y actividades conexas",
        "Atividades dos serviços de tecnologia da informação",
    ),
    (
        "63",
        "J",
        "Information service activities",
        "Actividades de servicios de información",
        "Atividades de prestação de serviços de informação",
    ),
    (
        "64",
        "K",
        "Financial service activities, except insurance and pension funding",
        "Actividades de servicios financieros, excepto las de seguros y fondos de pensiones",
        "Atividades de serviços financeiros",
    ),
    (
        "65",
        "K",
        "Insurance, reinsurance and pension funding, except compulsory social security",
        "Seguros, reaseguros y fondos de pensiones, excepto planes de seguridad social de afiliación obligatoria",
        "Seguros, resseguros, previdência complementar e planos de saúde",
    ),
    (
        "66",
        "K",
        "Activities auxiliary to financial service and insurance activities",
        "Actividades auxiliares de las actividades de servicios financieros",
        "Atividades auxiliares dos serviços financeiros, seguros e previdência complementar",
    ),
    ("68", "L", "Real estate activities", "Actividades inmobiliarias", "Atividades imobiliárias"),
    (
        "69",
        "M",
        "Legal and accounting activities",
        "Actividades jurídicas y de contabilidad",
        "Atividades jurídicas, de contabilidade e de auditoria",
    ),
    (
        "70",
        "M",
        "Activities of head offices; management consultancy activities",
        "Actividades de oficinas principales; actividades de consultoría de gestión",
        "Atividades de sedes de empresas e de consultoria em gestão empresarial",
    ),
    (
        "71",
        "M",
        "Architectural and engineering activities; technical testing and analysis",
        "Actividades de arquitectura e ingeniería; ensayos y análisis técnicos",
        "Serviços de arquitetura e engenharia; testes e análises técnicas",
    ),
    (
        "72",
        "M",
        "Scientific research and development",
        "Investigación científica y desarrollo",
        "Pesquisa e desenvolvimento científico",
    ),
    (
        "73",
        "M",
        "Advertising and market research",
        "Publicidad y estudios de mercado",
        "Publicidade e pesquisa de mercado",
    ),
    (
        "74",
        "M",
        "Other professional, scientific and technical activities",
        "Otras actividades profesionales, científicas y técnicas",
        "Outras atividades profissionais, científicas e técnicas",
    ),
    ("75", "M", "Veterinary activities", "Actividades veterinarias", "Atividades veterinárias"),
    (
        "77",
        "N",
        "Rental and leasing activities",
        "Actividades de alquiler y arrendamiento",
        "Aluguéis não imobiliários e gestão de ativos intangíveis",
    ),
    (
        "78",
        "N",
        "Employment activities",
        "Actividades de empleo",
        "Seleção, agenciamento e locação de mão de obra",
    ),
    (
        "79",
        "N",
        "Travel agency, tour operator, reservation service and related activities",
        "Actividades de agencias de viajes, operadores turísticos, servicios de reservas y actividades conexas",
        "Agências de viagens, operadores turísticos e serviços de reservas",
    ),
    (
        "80",
        "N",
        "Security and investigation activities",
        "Actividades de seguridad e investigación",
        "Atividades de vigilância, segurança e investigação",
    ),
    (
        "81",
        "N",
        "Services to buildings and landscape activities",
        "Actividades de servicios a edificios y de paisajismo",
        "Serviços para edifícios e atividades paisagísticas",
    ),
    (
        "82",
        "N",
        "Office administrative, office support and other business support activities",
        "Actividades administrativas y de apoyo de oficina y otras actividades de apoyo a las empresas",
        "Serviços de escritório, de apoio administrativo e outros serviços prestados às empresas",
    ),
    (
        "84",
        "O",
        "Public administration and defence; compulsory social security",
        "Administración pública y defensa; planes de seguridad social de afiliación obligatoria",
        "Administração pública, defesa e seguridade social",
    ),
    ("85", "P", "Education", "Enseñanza", "Educação"),
    (
        "86",
        "Q",
        "Human health activities",
        "Actividades de atención de la salud humana",
        "Atividades de atenção à saúde humana",
    ),
    (
        "87",
        "Q",
        "Residential care activities",
        "Actividades de atención en instituciones",
        "Atividades de atenção à saúde humana integradas com assistência social, em residências coletivas",
    ),
    (
        "88",
        "Q",
        "Social work activities without accommodation",
        "Actividades de asistencia social sin alojamiento",
        "Serviços de assistência social sem alojamento",
    ),
    (
        "90",
        "R",
        "Creative, arts and entertainment activities",
        "Actividades creativas, artísticas y de entretenimiento",
        "Atividades artísticas, criativas e de espetáculos",
    ),
    (
        "91",
        "R",
        "Libraries, archives, museums and other cultural activities",
        "Actividades de bibliotecas, archivos y museos y otras actividades culturales",
        "Atividades ligadas ao patrimônio cultural e ambiental",
    ),
    (
        "92",
        "R",
        "Gambling and betting activities",
        "Actividades de juegos de azar y apuestas",
        "Atividades de exploração de jogos de azar e apostas",
    ),
    (
        "93",
        "R",
        "Sports activities and amusement and recreation activities",
        "Actividades deportivas, de esparcimiento y recreativas",
        "Atividades esportivas e de recreação e lazer",
    ),
    (
        "94",
        "S",
        "Activities of membership organizations",
        "Actividades de asociaciones",
        "Atividades de organizações associativas",
    ),
    (
        "95",
        "S",
        "Repair of computers and personal and household goods",
        "Reparación de ordenadores y de efectos personales y enseres domésticos",
        "Reparação e manutenção de equipamentos de informática e de objetos pessoais e domésticos",
    ),
    (
        "96",
        "S",
        "Other personal service activities",
        "Otras actividades de servicios personales",
        "Outras atividades de serviços pessoais",
    ),
    (
        "97",
        "T",
        "Activities of households as employers of domestic personnel",
        "Actividades de los hogares como empleadores de personal doméstico",
        "Serviços domésticos",
    ),
    (
        "98",
        "T",
        "Undifferentiated goods- and services-producing activities of private households for own use",
        "Actividades no diferenciadas de los hogares privados como productores de bienes y servicios para uso propio",
        "Atividades indiferenciadas de produção de bens e serviços das famílias para uso próprio",
    ),
    (
        "99",
        "U",
        "Activities of extraterritorial organizations and bodies",
        "Actividades de organizaciones y órganos extraterritoriales",
        "Organismos internacionais e outras instituições extraterritoriais",
    ),
]


# -- Reading a sector that a person wrote (the CSV import) ----------------------------------

LANGUAGES = ("en", "es", "pt")  # the order of the names in a row
# A section letter, a division's one or two digits, or both: "C", "10", "C10", "c 10", "C-10",
# "C.10" (punctuation is dropped by ``fold_words``, leaving "c 10").
CODE_FORM = re.compile(r"^(?P<section>[a-z])?\s?(?P<division>\d{1,2})?$")


class SectorLookup:
    """The sector a person means, from ``rows`` shaped like ``SECTIONS + DIVISIONS``: ``(code,
    section, en, es, pt)`` (the importer passes the ``Sector`` table's rows).

    :meth:`code` accepts a section letter (``"A"``, any case), a division with or without its
    section letter (``"10"``, ``"1"`` for ``"01"``, ``"C10"``, ``"c-10"``; the letter must be
    the division's own section), or a name in any of the three languages, without regard to
    accents, case or punctuation. Five sections have a single division of the same name
    (D/35, L/68, O/84, P/85, U/99): the name means the division, which is the more precise and
    still counts under its section in the filters (``SectorCodeFilter``)."""

    def __init__(self, rows):
        self.section_of = {}  # code -> its section's code ("" for a section)
        self.labels = {}  # code -> {language: name}
        self.names = {}  # fold_words(name) -> code, divisions first
        rows = sorted(rows, key=lambda row: not row[1])
        for code, section, *names in rows:
            self.section_of[code] = section or ""
            self.labels[code] = dict(zip(LANGUAGES, names, strict=True))
            for name in names:
                if name:
                    self.names.setdefault(fold_words(name), code)

    def by_name(self, text):
        return self.names.get(fold_words(text))

    def code(self, text):
        """The code for ``text``; raises ``ValidationError`` with a hint of the expected form
        (and the closest name, if one is near)."""
        key = fold_words(text)
        form = CODE_FORM.match(key) if key else None
        if form and (form["section"] or form["division"]):
            section = (form["section"] or "").upper()
            code = form["division"].zfill(2) if form["division"] else section
            if code not in self.section_of or (section and section not in self.section_of):
                raise ValidationError(
                    _(
                        "Unknown sector “%(value)s”: expected an ISIC code such as C10 or 10, "
                        "or a section letter A-U."
                    )
                    % {"value": text}
                )
            if form["division"] and section and self.section_of[code] != section:
                raise ValidationError(
                    _("Division %(division)s belongs to section %(right)s, not %(wrong)s.")
                    % {"division": code, "right": self.section_of[code], "wrong": section}
                )
            return code
        code = self.by_name(text)
        if code:
            return code
        message = _(
            "Unknown sector “%(value)s”: expected an ISIC code such as C10 or 10, a section "
            "letter A-U, or a sector name."
        ) % {"value": text}
        match = closest(key, list(self.names))
        if match:
            code = self.names[match]
            message += " " + _("Did you mean %(name)s (%(code)s)?") % {
                "name": self.label(code),
                "code": code,
            }
        raise ValidationError(message)

    def label(self, code):
        """The sector's name in the active language (English if it has none there)."""
        labels = self.labels[code]
        return labels.get((translation.get_language() or "en")[:2]) or labels["en"]
