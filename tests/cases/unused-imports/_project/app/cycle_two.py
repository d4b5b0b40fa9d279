from .cycle_one import ONE

TWO = ONE + 1
