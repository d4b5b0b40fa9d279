def _looked_up_by_name():
    return 1


def dispatch(name):
    return globals()["_" + name]()


class Dispatcher:
    def handle(self, kind):
        return getattr(self, "_on_" + kind)()

    def _on_start(self):
        return 1

    def _on_stop(self):
        return 2

    def _unrelated(self):
        return 3
