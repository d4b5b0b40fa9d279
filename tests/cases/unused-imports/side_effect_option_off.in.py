import app.signals
from app import signals
