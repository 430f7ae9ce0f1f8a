"""Process-wide switches that keep the advisor offline.

Imported first by the package so that no library it loads later can phone
home: the model comes from a local directory, Chroma and Gradio send no
telemetry.
"""

import os

_DEFAULTS = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "ANONYMIZED_TELEMETRY": "False",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "TOKENIZERS_PARALLELISM": "false",
    "TRANSFORMERS_VERBOSITY": "error",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
}

for _key, _value in _DEFAULTS.items():
    os.environ.setdefault(_key, _value)
