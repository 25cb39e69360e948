"""The Spanish and Portuguese labels of the demo tags (``manage.py load_demo_data``).

Each app's demo data tags its content by English name (``page.tags.set(["coffee"])``); this
last part labels whichever of these tags exist. Idempotent, and it never overwrites a label
a moderator has written: only empty labels are filled.
"""

# English name -> (Spanish label, Portuguese label)
DEMO_TAG_LABELS = {
    "aerospace": ("aeroespacial", "aeroespacial"),
    "agro-industry": ("agroindustria", "agroindústria"),
    "agtech": ("agrotecnología", "agrotecnologia"),
    "aquaculture": ("acuicultura", "aquicultura"),
    "automotive": ("automotriz", "automotivo"),
    "avocado": ("aguacate", "abacate"),
    "benchmark": ("referencia", "referência"),
    "biodiversity": ("biodiversidad", "biodiversidade"),
    "call for proposals": ("convocatoria", "chamada pública"),
    "certification": ("certificación", "certificação"),
    "circular economy": ("economía circular", "economia circular"),
    "cluster governance": ("gobernanza de clústeres", "governança de clusters"),
    "cluster management": ("gestión de clústeres", "gestão de clusters"),
    "cocoa": ("cacao", "cacau"),
    "coffee": ("café", "café"),
    "cold chain": ("cadena de frío", "cadeia de frio"),
    "cosmetics": ("cosméticos", "cosméticos"),
    "creative industries": ("industrias creativas", "indústrias criativas"),
    "dairy": ("lácteos", "laticínios"),
    "design": ("diseño", "design"),
    "digital transformation": ("transformación digital", "transformação digital"),
    "energy": ("energía", "energia"),
    "energy efficiency": ("eficiencia energética", "eficiência energética"),
    "evaluation": ("evaluación", "avaliação"),
    "export promotion": ("promoción de exportaciones", "promoção de exportações"),
    "fashion": ("moda", "moda"),
    "financing": ("financiamiento", "financiamento"),
    "footwear": ("calzado", "calçados"),
    "fruit": ("frutas", "frutas"),
    "furniture": ("muebles", "móveis"),
    "gender": ("género", "gênero"),
    "governance": ("gobernanza", "governança"),
    "health": ("salud", "saúde"),
    "human capital": ("capital humano", "capital humano"),
    "industry 4.0": ("industria 4.0", "indústria 4.0"),
    "innovation": ("innovación", "inovação"),
    "internationalisation": ("internacionalización", "internacionalização"),
    "irrigation": ("riego", "irrigação"),
    "leather": ("cuero", "couro"),
    "logistics": ("logística", "logística"),
    "maintenance": ("mantenimiento", "manutenção"),
    "medical devices": ("dispositivos médicos", "dispositivos médicos"),
    "mining": ("minería", "mineração"),
    "open data": ("datos abiertos", "dados abertos"),
    "partners": ("socios", "parceiros"),
    "post-harvest": ("poscosecha", "pós-colheita"),
    "public-private partnership": ("alianza público-privada", "parceria público-privada"),
    "quality": ("calidad", "qualidade"),
    "quinoa": ("quinua", "quinoa"),
    "r&d": ("I+D", "P&D"),
    "registry": ("registro", "registro"),
    "research": ("investigación", "pesquisa"),
    "services": ("servicios", "serviços"),
    "skills": ("competencias", "competências"),
    "smes": ("pymes", "PMEs"),
    "software": ("software", "software"),
    "strategy": ("estrategia", "estratégia"),
    "supplier development": ("desarrollo de proveedores", "desenvolvimento de fornecedores"),
    "sustainability": ("sostenibilidad", "sustentabilidade"),
    "synthetic": ("sintético", "sintético"),
    "talent": ("talento", "talento"),
    "textiles": ("textiles", "têxteis"),
    "tourism": ("turismo", "turismo"),
    "traceability": ("trazabilidad", "rastreabilidade"),
    "training": ("formación", "capacitação"),
    "university-industry": ("universidad-empresa", "universidade-empresa"),
    "urban regeneration": ("regeneración urbana", "regeneração urbana"),
    "value chains": ("cadenas de valor", "cadeias de valor"),
    "waste": ("residuos", "resíduos"),
    "water": ("agua", "água"),
    "wine": ("vino", "vinho"),
}


def load(*, rng, stdout, scale, debug):
    from .models import Tag

    labelled = 0
    for tag in Tag.objects.filter(name__in=DEMO_TAG_LABELS):
        spanish, portuguese = DEMO_TAG_LABELS[tag.name]
        changed = []
        if not tag.name_es:
            tag.name_es = spanish
            changed.append("name_es")
        if not tag.name_pt:
            tag.name_pt = portuguese
            changed.append("name_pt")
        if changed:
            tag.save(update_fields=changed)
            labelled += 1
    stdout.write(f"  tag labels: {labelled} tags labelled in Spanish and Portuguese")
    if scale:
        _synthetic_labels(scale=scale, stdout=stdout)


def _synthetic_labels(*, scale, stdout):
    """``--scale N``: Spanish and Portuguese labels for the numbered synthetic tags
    ("topic 0042": "tema 0042", "tópico 0042"), in one bulk update; never over a label."""
    from .bulk_pages import scale_tag_count, synthetic_tag_names
    from .models import Tag

    names = [name for name in synthetic_tag_names(scale_tag_count(scale)) if name[:6] == "topic "]
    tags = list(Tag.objects.filter(name__in=names, name_es__isnull=True, name_pt__isnull=True))
    for tag in tags:
        number = tag.name.removeprefix("topic ")
        tag.name_es, tag.name_pt = f"tema {number}", f"tópico {number}"
    Tag.objects.bulk_update(tags, ["name_es", "name_pt"], batch_size=1000)
    stdout.write(f"  synthetic tag labels: {len(tags)} tags labelled")
