import readline
import rlcompleter
import encodings.idna

value = input()
