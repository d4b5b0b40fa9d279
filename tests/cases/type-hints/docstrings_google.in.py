class Node:
    def link(self, other, weight=1.0):
        """Link two nodes.

        Args:
            other (Node): the other node.
            weight (float, optional): the weight. Defaults to 1.0.

        Returns:
            Edge: the new edge.
        """
        return Edge(self, other, weight)

    def label(self, text="x"):
        """Contradicted by the default: the docstring is ignored.

        Args:
            text (int): the text.
        """
        return text


class Edge:
    def __init__(self, a, b, weight):
        """Make an edge.

        Args:
            a (Node): one end.
            b (Node): the other end.
            weight (float): how heavy.
        """
        self.ends = (a, b)
        self.weight = weight


def count(edges, *args, **kwargs):
    """Count edges.

    Args:
        edges (list): the edges.
        *args (str): extra names.
        **kwargs (int): extra counts.

    Yields:
        int: a count.
    """
    yield len(edges) + len(args) + sum(kwargs.values())
