import app.signals
from app import signals
from . import models
