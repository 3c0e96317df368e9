"""Generator for the Kuril Islands dispute reference site.

The pipeline (one module per stage; build.py calls them in order):

    sources, registry   load: read and validate articles, outlets and entities
    cleaning, mentions  find: per article, clean the text and find entity mentions
    citations, model    link: verify quotes, build the cross-linked site model
    pages, maps, graphs plan: decide every page (path, template, context), draw the
                        map and the graphs
    output              write: render and write only what changed
"""
