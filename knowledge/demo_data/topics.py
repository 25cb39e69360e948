"""Eight research topics, in English with Spanish and Portuguese translations.
``key: (tags, {lang: (title, summary, description, [questions])})``"""

TOPICS = {
    "circular-economy": (
        ["circular economy", "sustainability", "waste"],
        {
            "en": (
                "Circular economy in clusters",
                "How clusters turn waste streams into inputs and new businesses.",
                "Shared infrastructure and trust make clusters good places to close material loops: one firm's waste becomes another's input. This topic collects evidence on industrial symbiosis, take-back schemes and eco-design programmes run by cluster initiatives.",
                [
                    "Which governance models keep industrial symbiosis going after the pilot?",
                    "How do small firms finance circular investments?",
                    "Which indicators show real material savings?",
                ],
            ),
            "es": (
                "Economía circular en los clústeres",
                "Cómo los clústeres convierten residuos en insumos y nuevos negocios.",
                "La infraestructura compartida y la confianza hacen de los clústeres buenos lugares para cerrar ciclos de materiales: el residuo de una empresa se vuelve el insumo de otra. Este tema reúne evidencia sobre simbiosis industrial, esquemas de recolección y programas de ecodiseño.",
                [
                    "¿Qué modelos de gobernanza sostienen la simbiosis industrial después del piloto?",
                    "¿Cómo financian las pymes sus inversiones circulares?",
                    "¿Qué indicadores muestran ahorros reales de materiales?",
                ],
            ),
            "pt": (
                "Economia circular nos clusters",
                "Como os clusters transformam resíduos em insumos e novos negócios.",
                "A infraestrutura compartilhada e a confiança fazem dos clusters bons lugares para fechar ciclos de materiais: o resíduo de uma empresa vira insumo de outra. Este tema reúne evidências sobre simbiose industrial, logística reversa e programas de ecodesign.",
                [
                    "Quais modelos de governança sustentam a simbiose industrial depois do piloto?",
                    "Como as pequenas empresas financiam investimentos circulares?",
                    "Quais indicadores mostram economias reais de materiais?",
                ],
            ),
        },
    ),
    "supplier-development": (
        ["supplier development", "value chains", "smes"],
        {
            "en": (
                "Supplier development programmes",
                "Linking local SMEs to anchor companies and global value chains.",
                "Supplier development programmes help local firms meet the quality, volume and certification requirements of anchor companies. The topic looks at diagnosis tools, co-financing schemes and the role of the cluster organisation as a broker.",
                [
                    "What makes anchor companies commit for more than one cycle?",
                    "How long does it take an SME to reach certification?",
                    "Which public instruments co-finance supplier upgrading best?",
                ],
            ),
            "es": (
                "Programas de desarrollo de proveedores",
                "Vincular pymes locales con empresas ancla y cadenas globales de valor.",
                "Los programas de desarrollo de proveedores ayudan a las empresas locales a cumplir los requisitos de calidad, volumen y certificación de las empresas ancla. El tema analiza herramientas de diagnóstico, esquemas de cofinanciación y el papel de la organización del clúster como intermediaria.",
                [
                    "¿Qué hace que las empresas ancla se comprometan más de un ciclo?",
                    "¿Cuánto tarda una pyme en certificarse?",
                    "¿Qué instrumentos públicos cofinancian mejor la mejora de proveedores?",
                ],
            ),
            "pt": (
                "Programas de desenvolvimento de fornecedores",
                "Conectar PMEs locais a empresas âncora e cadeias globais de valor.",
                "Programas de desenvolvimento de fornecedores ajudam empresas locais a atender os requisitos de qualidade, volume e certificação das empresas âncora. O tema analisa ferramentas de diagnóstico, esquemas de cofinanciamento e o papel da organização do cluster como articuladora.",
                [
                    "O que faz as empresas âncora se comprometerem por mais de um ciclo?",
                    "Quanto tempo uma PME leva para se certificar?",
                    "Quais instrumentos públicos cofinanciam melhor a qualificação de fornecedores?",
                ],
            ),
        },
    ),
    "post-harvest": (
        ["post-harvest", "agro-industry", "quality"],
        {
            "en": (
                "Post-harvest losses and quality",
                "Reducing losses between the farm gate and the buyer.",
                "In many agricultural value chains a quarter of the harvest is lost or downgraded before it reaches the buyer. Cluster initiatives coordinate shared drying, storage and grading facilities, training and traceability.",
                [
                    "Which shared facilities pay back fastest?",
                    "How can smallholders capture the quality premium?",
                    "What role for digital traceability?",
                ],
            ),
            "es": (
                "Pérdidas poscosecha y calidad",
                "Reducir las pérdidas entre la finca y el comprador.",
                "En muchas cadenas agrícolas una cuarta parte de la cosecha se pierde o pierde calidad antes de llegar al comprador. Las iniciativas clúster coordinan secado, almacenamiento y clasificación compartidos, capacitación y trazabilidad.",
                [
                    "¿Qué instalaciones compartidas se pagan más rápido?",
                    "¿Cómo pueden los pequeños productores captar la prima de calidad?",
                    "¿Qué papel tiene la trazabilidad digital?",
                ],
            ),
            "pt": (
                "Perdas pós-colheita e qualidade",
                "Reduzir as perdas entre a propriedade e o comprador.",
                "Em muitas cadeias agrícolas um quarto da colheita se perde ou perde qualidade antes de chegar ao comprador. As iniciativas de cluster coordenam secagem, armazenagem e classificação compartilhadas, capacitação e rastreabilidade.",
                [
                    "Quais instalações compartilhadas se pagam mais rápido?",
                    "Como os pequenos produtores podem captar o prêmio de qualidade?",
                    "Qual o papel da rastreabilidade digital?",
                ],
            ),
        },
    ),
    "export-promotion": (
        ["export promotion", "internationalisation", "smes"],
        {
            "en": (
                "Joint export promotion",
                "Export consortia, shared trade missions and market intelligence.",
                "Clusters pool the cost of entering foreign markets: shared trade-fair stands, export consortia, market studies and common brands. This topic compares approaches and their results in new markets reached.",
                [
                    "When does a common brand help and when does it hurt?",
                    "How should export consortia share costs and leads?",
                    "Which markets suit first-time exporters?",
                ],
            ),
            "es": (
                "Promoción conjunta de exportaciones",
                "Consorcios de exportación, misiones comerciales compartidas e inteligencia de mercados.",
                "Los clústeres comparten el costo de entrar a mercados externos: stands compartidos en ferias, consorcios de exportación, estudios de mercado y marcas comunes. Este tema compara enfoques y sus resultados en nuevos mercados.",
                [
                    "¿Cuándo ayuda una marca común y cuándo perjudica?",
                    "¿Cómo deben repartir costos y contactos los consorcios de exportación?",
                    "¿Qué mercados convienen a quienes exportan por primera vez?",
                ],
            ),
            "pt": (
                "Promoção conjunta de exportações",
                "Consórcios de exportação, missões comerciais compartilhadas e inteligência de mercado.",
                "Os clusters dividem o custo de entrar em mercados externos: estandes compartilhados em feiras, consórcios de exportação, estudos de mercado e marcas coletivas. Este tema compara abordagens e seus resultados em novos mercados.",
                [
                    "Quando uma marca coletiva ajuda e quando atrapalha?",
                    "Como os consórcios de exportação devem dividir custos e contatos?",
                    "Quais mercados são adequados a quem exporta pela primeira vez?",
                ],
            ),
        },
    ),
    "digital-transformation": (
        ["digital transformation", "industry 4.0", "smes"],
        {
            "en": (
                "Digital transformation of SMEs",
                "Shared diagnostics, pilots and skills for digital adoption.",
                "Most cluster firms are small and adopt digital tools late. Cluster initiatives run maturity diagnostics, demonstration centres and group pilots so that firms can test technologies at a fraction of the cost.",
                [
                    "Which diagnostics lead to actual investment?",
                    "How to share pilot results without giving away know-how?",
                    "What skills do cluster firms lack most?",
                ],
            ),
            "es": (
                "Transformación digital de las pymes",
                "Diagnósticos, pilotos y habilidades compartidos para la adopción digital.",
                "La mayoría de las empresas de un clúster son pequeñas y adoptan tarde las herramientas digitales. Las iniciativas clúster realizan diagnósticos de madurez, centros de demostración y pilotos grupales para probar tecnologías a una fracción del costo.",
                [
                    "¿Qué diagnósticos llevan a inversiones reales?",
                    "¿Cómo compartir resultados de pilotos sin entregar el saber hacer?",
                    "¿Qué habilidades faltan más en las empresas del clúster?",
                ],
            ),
            "pt": (
                "Transformação digital das PMEs",
                "Diagnósticos, pilotos e competências compartilhados para a adoção digital.",
                "A maioria das empresas de um cluster é pequena e adota tarde as ferramentas digitais. As iniciativas de cluster fazem diagnósticos de maturidade, centros de demonstração e pilotos em grupo para testar tecnologias a uma fração do custo.",
                [
                    "Quais diagnósticos levam a investimentos reais?",
                    "Como compartilhar resultados de pilotos sem entregar o know-how?",
                    "Quais competências mais faltam às empresas do cluster?",
                ],
            ),
        },
    ),
    "cluster-governance": (
        ["cluster governance", "cluster management", "public-private partnership"],
        {
            "en": (
                "Cluster governance and financing",
                "How cluster organisations are run, staffed and funded over time.",
                "A cluster initiative needs a legitimate governance body, a professional management team and a funding model that outlives the first public grant. The topic gathers experience on boards, membership fees and service income.",
                [
                    "How do cluster organisations move from grants to member funding?",
                    "Which management team size fits which cluster?",
                    "How to keep large and small firms engaged in the board?",
                ],
            ),
            "es": (
                "Gobernanza y financiación de clústeres",
                "Cómo se dirigen, dotan de personal y financian las organizaciones clúster.",
                "Una iniciativa clúster necesita un órgano de gobierno legítimo, un equipo gestor profesional y un modelo de financiación que sobreviva a la primera subvención pública. El tema reúne experiencias sobre juntas directivas, cuotas y venta de servicios.",
                [
                    "¿Cómo pasan las organizaciones clúster de las subvenciones a la financiación de sus miembros?",
                    "¿Qué tamaño de equipo gestor conviene a cada clúster?",
                    "¿Cómo mantener comprometidas en la junta a grandes y pequeñas empresas?",
                ],
            ),
            "pt": (
                "Governança e financiamento de clusters",
                "Como as organizações de cluster são dirigidas, formadas e financiadas.",
                "Uma iniciativa de cluster precisa de um órgão de governança legítimo, uma equipe gestora profissional e um modelo de financiamento que sobreviva ao primeiro apoio público. O tema reúne experiências sobre conselhos, mensalidades e venda de serviços.",
                [
                    "Como as organizações de cluster passam de subsídios ao financiamento pelos associados?",
                    "Qual tamanho de equipe gestora convém a cada cluster?",
                    "Como manter grandes e pequenas empresas engajadas no conselho?",
                ],
            ),
        },
    ),
    "skills-training": (
        ["skills", "training", "human capital"],
        {
            "en": (
                "Skills and vocational training",
                "Cluster-led training that closes the skills gaps firms report.",
                "Clusters can align training supply with what firms need: shared curricula with technical schools, dual training, and in-company programmes. This topic follows what works and how it is financed.",
                [
                    "How to get firms to release staff for training?",
                    "What is the best role for technical schools?",
                    "How to measure the return on training?",
                ],
            ),
            "es": (
                "Habilidades y formación para el trabajo",
                "Formación liderada por el clúster que cierra las brechas que reportan las empresas.",
                "Los clústeres pueden alinear la oferta de formación con lo que necesitan las empresas: currículos compartidos con institutos técnicos, formación dual y programas en la empresa. Este tema sigue lo que funciona y cómo se financia.",
                [
                    "¿Cómo lograr que las empresas liberen personal para formarse?",
                    "¿Cuál es el mejor papel para los institutos técnicos?",
                    "¿Cómo medir el retorno de la formación?",
                ],
            ),
            "pt": (
                "Competências e formação profissional",
                "Formação liderada pelo cluster que fecha as lacunas de competências das empresas.",
                "Os clusters podem alinhar a oferta de formação ao que as empresas precisam: currículos compartilhados com escolas técnicas, formação dual e programas nas empresas. Este tema acompanha o que funciona e como é financiado.",
                [
                    "Como fazer as empresas liberarem pessoal para se formar?",
                    "Qual o melhor papel para as escolas técnicas?",
                    "Como medir o retorno da formação?",
                ],
            ),
        },
    ),
    "innovation-networks": (
        ["innovation", "university-industry", "r&d"],
        {
            "en": (
                "Innovation networks and R&D cooperation",
                "Collaborative projects between firms, universities and technology centres.",
                "Cluster initiatives broker joint R&D projects, open innovation challenges and shared laboratories. This topic looks at which formats lead to new products and how intellectual property is shared.",
                [
                    "Which formats turn contacts into joint projects?",
                    "How are IP and results shared in collaborative projects?",
                    "What do technology centres need to serve SMEs?",
                ],
            ),
            "es": (
                "Redes de innovación y cooperación en I+D",
                "Proyectos colaborativos entre empresas, universidades y centros tecnológicos.",
                "Las iniciativas clúster articulan proyectos conjuntos de I+D, retos de innovación abierta y laboratorios compartidos. Este tema analiza qué formatos llevan a nuevos productos y cómo se comparte la propiedad intelectual.",
                [
                    "¿Qué formatos convierten contactos en proyectos conjuntos?",
                    "¿Cómo se comparten la propiedad intelectual y los resultados?",
                    "¿Qué necesitan los centros tecnológicos para atender a las pymes?",
                ],
            ),
            "pt": (
                "Redes de inovação e cooperação em P&D",
                "Projetos colaborativos entre empresas, universidades e centros tecnológicos.",
                "As iniciativas de cluster articulam projetos conjuntos de P&D, desafios de inovação aberta e laboratórios compartilhados. Este tema analisa quais formatos levam a novos produtos e como a propriedade intelectual é compartilhada.",
                [
                    "Quais formatos transformam contatos em projetos conjuntos?",
                    "Como a propriedade intelectual e os resultados são compartilhados?",
                    "Do que os centros tecnológicos precisam para atender às PMEs?",
                ],
            ),
        },
    ),
}
