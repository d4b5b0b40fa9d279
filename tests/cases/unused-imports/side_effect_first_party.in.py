import app.signals
import app.models as models
from app import models as app_models
from app import signals
from app import settings
from . import models
from . import helpers
import xml.dom
import json.decoder


def main():
    return 0
