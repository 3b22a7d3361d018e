"""`serve`: the secretary's workbench in the browser, on her own machine.

`python pipeline.py serve [DATA]` starts a server on 127.0.0.1, prints its address with a
random token on the first line and opens the browser. The pages (活动, 检查, 生成, 回收, 排版,
检查公文) call the library through `library.py`; templates and assets are in this package
(no CDN, no front-end build step). Flask is an optional dependency: `pip install hongtou[serve]`.
"""
