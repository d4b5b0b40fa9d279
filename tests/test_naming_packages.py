"""Multi-module packages through the real CLI: ``codemod apply --select naming`` and
``codemod rename``; then the package is imported and its functions run, and the
results must equal the original's."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Dict

import pytest

from tests.helpers import run_cli

SHOP = {
    "shop/__init__.py": """\
        from .prices import totalPrice

        __all__ = ["totalPrice"]
    """,
    "shop/prices.py": """\
        TAX_RATE = 0.2
        _roundDigits = 2


        def _applyTax(netAmount, taxRate=TAX_RATE):
            return round(netAmount * (1 + taxRate), _roundDigits)


        def totalPrice(itemPrices, discountPct=0):
            runningTotal = 0
            for unitPrice in itemPrices:
                runningTotal += unitPrice
            return _applyTax(netAmount=runningTotal * (1 - discountPct / 100))


        class _price_cache:
            def __init__(self):
                self.entries = {}

            def getOrSet(self, key, makeValue):
                if key not in self.entries:
                    self.entries[key] = makeValue()
                return self.entries[key]


        def cachedTotal(cacheObj: "_price_cache", itemPrices):
            return cacheObj.getOrSet(tuple(itemPrices), lambda: totalPrice(itemPrices))
    """,
    "shop/report.py": """\
        from shop import prices as p
        from shop.prices import _applyTax, _price_cache
        from shop.prices import _applyTax as taxIt
        import shop.prices


        def summary(items):
            cacheHolder = _price_cache()
            taxed = _applyTax(10, taxRate=0.5)
            other = p._applyTax(netAmount=20)
            third = shop.prices._applyTax(1)
            fourth = taxIt(netAmount=3, taxRate=0.1)
            return (taxed, other, third, fourth, p.cachedTotal(cacheHolder, items),
                    isinstance(cacheHolder, p._price_cache), type(cacheHolder).__name__)
    """,
    "shop/relay.py": """\
        from .report import _applyTax


        def relayed(amountValue):
            return _applyTax(netAmount=amountValue)
    """,
}

PROBE = """\
import json, sys
sys.path.insert(0, sys.argv[1])
import shop.report, shop.relay, shop
result = shop.report.summary([1, 2, 3])
print(json.dumps([result[:-1], shop.relay.relayed(5), shop.totalPrice([4, 5], 10)]))
"""


def write_tree(root: Path, files: Dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


def run_probe(root: Path, probe: str = PROBE):
    done = subprocess.run([sys.executable, "-c", probe, str(root)], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    original = tmp_path / "original"
    changed = tmp_path / "changed"
    write_tree(original, SHOP)
    write_tree(changed, SHOP)
    return changed


def test_safe_renames_follow_across_modules(shop: Path) -> None:
    before = run_probe(shop)
    done = run_cli("apply", "--select", "naming", "--no-cache", ".", cwd=str(shop))
    assert done.returncode == 0, done.stderr
    prices = (shop / "shop/prices.py").read_text()
    report = (shop / "shop/report.py").read_text()
    relay = (shop / "shop/relay.py").read_text()
    assert "def _apply_tax(net_amount, tax_rate=TAX_RATE)" in prices
    assert "class _PriceCache:" in prices and 'cacheObj: "_PriceCache"' in prices
    assert "running_total" in prices and "_round_digits" in prices
    # public API is untouched without --unsafe-fixes; methods never
    assert "def totalPrice(itemPrices, discountPct=0)" in prices and "def getOrSet(self, key, makeValue)" in prices
    assert "from shop.prices import _apply_tax, _PriceCache" in report
    assert "from shop.prices import _apply_tax as taxIt" in report
    assert "p._apply_tax(net_amount=20)" in report and "shop.prices._apply_tax(1)" in report
    assert "_apply_tax(10, tax_rate=0.5)" in report and "taxIt(net_amount=3, tax_rate=0.1)" in report
    assert "from .report import _apply_tax" in relay and "_apply_tax(net_amount=amountValue)" in relay
    assert run_probe(shop) == before
    again = run_cli("check", "--select", "naming", "--no-cache", ".", cwd=str(shop))
    assert again.returncode == 0, again.stdout


def test_unsafe_renames_public_names_but_not_re_exports(shop: Path) -> None:
    before = run_probe(shop)
    done = run_cli("apply", "--select", "naming", "--unsafe-fixes", "--no-cache", ".", cwd=str(shop))
    assert done.returncode == 0, done.stderr
    prices = (shop / "shop/prices.py").read_text()
    assert "def totalPrice(item_prices, discount_pct=0)" in prices  # re-exported: name kept, parameters follow
    assert "def cached_total(cache_obj" in prices
    assert "p.cached_total(cache_holder, items)" in (shop / "shop/report.py").read_text()
    assert run_probe(shop) == before


def test_new_name_taken_in_an_importer_blocks_everywhere(tmp_path: Path) -> None:
    files = dict(SHOP)
    files["shop/clash.py"] = """\
        from shop.prices import _applyTax


        def _apply_tax(x):
            return -x


        def both():
            return _applyTax(1), _apply_tax(1)
    """
    write_tree(tmp_path, files)
    done = run_cli("check", "--select", "naming", "--no-cache", ".", cwd=str(tmp_path))
    assert b"cannot rename '_applyTax' to '_apply_tax': name exists" in done.stdout
    assert b"+def _apply_tax" not in done.stdout and b"+from shop.prices import _apply_tax" not in done.stdout


def test_a_string_naming_the_function_blocks_it(tmp_path: Path) -> None:
    files = dict(SHOP)
    files["tests_shop.py"] = """\
        from unittest import mock


        def patched():
            with mock.patch("shop.prices._applyTax", return_value=0):
                pass
    """
    write_tree(tmp_path, files)
    run_cli("apply", "--select", "naming", "--no-cache", ".", cwd=str(tmp_path))
    assert "def _applyTax(net_amount" in (tmp_path / "shop/prices.py").read_text()
    assert "_PriceCache" in (tmp_path / "shop/prices.py").read_text()


RENAME_PROBE = """\
import json, sys
sys.path.insert(0, sys.argv[1])
from unittest import mock
import shop.report, shop.relay, shop, shop.prices
result = shop.report.summary([1, 2, 3])
print(json.dumps([result[:-1], shop.relay.relayed(5), shop.totalPrice([4, 5], 10)]))
"""


def test_rename_a_re_exported_function(shop: Path) -> None:
    before = run_probe(shop)
    (shop / "use_api.py").write_text(
        "from unittest import mock\nimport shop\n\n\ndef run():\n"
        "    with mock.patch('shop.prices.totalPrice', return_value=0):\n        return shop.totalPrice([1])\n")
    done = run_cli("rename", "shop.prices.totalPrice", "total_price", ".", "--no-cache", cwd=str(shop))
    assert done.returncode == 0, done.stderr
    assert "from .prices import total_price" in (shop / "shop/__init__.py").read_text()
    assert '__all__ = ["total_price"]' in (shop / "shop/__init__.py").read_text()
    prices = (shop / "shop/prices.py").read_text()
    assert "def total_price(itemPrices" in prices and "lambda: total_price(itemPrices)" in prices
    use_api = (shop / "use_api.py").read_text()
    assert "mock.patch('shop.prices.total_price'" in use_api and "shop.total_price([1])" in use_api
    probe = PROBE.replace("shop.totalPrice(", "shop.total_price(")
    assert run_probe(shop, probe) == before


def test_rename_keeps_the_local_name_where_the_new_one_is_taken(shop: Path) -> None:
    (shop / "other.py").write_text(
        "from shop.prices import _applyTax\n\n\ndef _apply_tax():\n    return 0\n\n\n"
        "def go():\n    return _applyTax(1), _apply_tax()\n")
    done = run_cli("rename", "shop.prices._applyTax", "_apply_tax", ".", "--no-cache", cwd=str(shop))
    assert done.returncode == 0, done.stderr
    assert "from shop.prices import _apply_tax as _applyTax" in (shop / "other.py").read_text()
    assert "def _apply_tax(netAmount" in (shop / "shop/prices.py").read_text()
    assert "from shop.prices import _apply_tax, _price_cache" in (shop / "shop/report.py").read_text()


def test_rename_refuses_an_existing_name(shop: Path) -> None:
    done = run_cli("rename", "shop.prices._applyTax", "TAX_RATE", ".", "--no-cache", cwd=str(shop))
    assert b"cannot rename '_applyTax' to 'TAX_RATE': name exists" in done.stdout
    assert "def _applyTax(" in (shop / "shop/prices.py").read_text()


def test_rename_a_method_in_subclasses_and_callers(tmp_path: Path) -> None:
    write_tree(tmp_path, {
        "zoo/__init__.py": "",
        "zoo/base.py": """\
            class Animal:
                def makeSound(self):
                    return "..."

                def speak(self):
                    return self.makeSound().upper()
        """,
        "zoo/dog.py": """\
            from zoo.base import Animal


            class Dog(Animal):
                def makeSound(self):
                    return "woof " + super().makeSound()


            def chorus(pets):
                return [Dog().makeSound()] + [p.makeSound() for p in pets]
        """,
    })
    probe = "import sys, json; sys.path.insert(0, sys.argv[1]); import zoo.dog as d; print(json.dumps([d.Dog().speak(), d.chorus([d.Dog()])]))"
    before = run_probe(tmp_path, probe)
    done = run_cli("rename", "zoo.base.Animal.makeSound", "make_sound", ".", "--no-cache", cwd=str(tmp_path))
    assert done.returncode == 0, done.stderr
    dog = (tmp_path / "zoo/dog.py").read_text()
    assert "def make_sound(self)" in dog and "super().make_sound()" in dog and "Dog().make_sound()" in dog
    # the receiver's type is unknown: reported, not renamed
    assert "p.makeSound()" in dog and b"'.makeSound' on an object of unknown type" in done.stdout
    assert "self.make_sound().upper()" in (tmp_path / "zoo/base.py").read_text()
