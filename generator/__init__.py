"""Generator for the Kuril Islands dispute reference site.

The pipeline (build.py calls the stages in order); every module is named here, as in the
README's table (tests/test_house.py keeps them in step):

    load    sources, registry, fields, notes, handwritten, schema, schemacheck,
            jsonschemas, yamlfile, contributed, bidi, dates, problems
            — read and validate articles, outlets, entities, notes and hand-written pages
    find    findings, cleaning, sentences, mentions, folding, variants, events,
            references, facts, words, contradictions, suggestions
            — per article: clean the text, find mentions, dated statements, references
    link    filing, citations, reprints, model, spill
            — verify quotes, group reprints, build the cross-linked site model
              (its bulk kept on disk)
    plan    pages, paths, mdtext, maps, graphs
            — decide every page (path, template, context); draw the map and the graphs
    write   output, atomic
            — render and write only what changed, each file in one rename
    rerun   incremental, incremental/cache, incremental/reuse,
            incremental/rendering, incremental/explain
            — cheap reruns behind one object (incremental.Rerun), which build asks;
              the stages know nothing of it
    around  build, cli, __main__, compare, parallel, search, hooks, watching,
            pagepool, fastblocks
            — the stages in order, the command line, processes, search, MkDocs
"""
