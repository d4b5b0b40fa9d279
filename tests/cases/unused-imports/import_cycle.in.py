# like test_import's from_cycle1: which module initialises first is the point
from .cycle_two import TWO
from app.cycle_two import TWO as SECOND
from .models import Model
import json

ONE = 1
