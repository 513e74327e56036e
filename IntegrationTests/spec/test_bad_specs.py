"""Bad spec files: one line on stderr naming the file, the line and the
field, exit status 1, and no file written."""
import os

import pytest

from support import run

GOOD = """spec_version: 1
name: small
columns:
  - {name: n, type: int64, row_number: {}}
  - {name: kind, type: category, choice: {weights: {a: 0.5, b: 0.5}}}
"""

# (what is wrong, the spec, expected line, expected field and message)
CASES = [
    ("unknown generator", GOOD + "  - {name: x, type: int32, gaussian: {mean: 1}}\n",
     6, "columns.x.gaussian: unknown generator 'gaussian'"),
    ("wrong type for the generator", GOOD + "  - {name: x, type: int32, uuid: {}}\n",
     6, "columns.x.uuid: generator 'uuid' makes text, not int32"),
    ("unknown type", GOOD + "  - {name: x, type: decimal, uuid: {}}\n",
     6, "columns.x.type: unknown type 'decimal'"),
    ("unknown column in a template", GOOD + "  - {name: x, type: string, template: 'id-{nope}'}\n",
     6, "columns.x.template: unknown column 'nope'"),
    ("unknown column in a rule", GOOD + "  - name: x\n    type: int32\n    constant: 1\n    when: [{column: missing, in: [1], then: {constant: 2}}]\n",
     9, "columns.x.when.0.column: unknown column 'missing'"),
    ("a cycle", GOOD + "  - {name: x, type: string, template: '{y}'}\n  - {name: y, type: string, template: '{x}'}\n",
     6, "columns.x: columns read each other in a cycle: x -> y -> x"),
    ("weights that do not sum to 1", GOOD.replace("b: 0.5", "b: 0.4"),
     5, "columns.kind.choice.weights: weights sum to 0.9, not 1"),
    ("a parameter out of range", "spec_version: 1\nname: z\nparameters:\n  alpha: 0.5\ncolumns:\n  - {name: x, type: int64, zipf: {alpha: $alpha}}\n",
     6, "columns.x.zipf.alpha: $alpha = 0.5 is out of range"),
    ("an unknown parameter", GOOD + "  - {name: x, type: int32, uniform: {min: 0, max: $top}}\n",
     6, "columns.x.uniform.max: unknown parameter 'top'"),
    ("a value outside its label set", GOOD + "  - name: x\n    type: int32\n    nullable: true\n    constant: 1\n    when: [{column: kind, in: [c], then: null}]\n",
     10, "columns.x.when.0.in: 'c' is not a value of column kind"),
    ("null in a column that is not nullable", GOOD + "  - {name: x, type: int32, constant: 1, when: [{column: n, min: 5, then: null}]}\n",
     6, "columns.x.when.0.then: column x is not nullable"),
    ("an unknown field", GOOD.replace("name: small", "name: small\nauthor: me"),
     3, "author: unknown field"),
    ("a format version from the future", GOOD.replace("spec_version: 1", "spec_version: 2"),
     1, "spec_version: this lb-datagen reads spec_version 1, got '2'"),
    ("not YAML", GOOD + "  - {name: x, type: int32\n",
     7, "yaml: not valid YAML"),
    ("a key given twice", GOOD.replace("name: small", "name: small\nname: other"),
     3, "yaml: not valid YAML: key 'name' is given twice in one mapping"),
    ("an alias with no anchor", GOOD + "  - {name: x, type: int32, constant: *one}\n",
     6, "yaml: not valid YAML: found undefined alias 'one'"),
    ("two documents", GOOD + "---\nspec_version: 1\n",
     6, "yaml: not valid YAML: a second document (a spec file holds one)"),
    ("a bad value over several lines", GOOD + "  - name: x\n    type: string\n    template: |\n      a}\r\n      b\n",
     8, "columns.x.template: unmatched '}' in template 'a}\\nb\\n'"),
    ("lists nested 100000 deep", GOOD + "  - {name: x, type: int32, constant: 1, description: " + "[" * 100_000 + "]" * 100_000 + "}\n",
     6, "yaml: not valid YAML: lists and mappings nested more than 1000 deep"),
    ("mappings nested 100000 deep", GOOD + "  - {name: x, type: int32, constant: 1, description: " + "{a: " * 100_000 + "1" + "}" * 100_000 + "}\n",
     6, "yaml: not valid YAML: lists and mappings nested more than 1000 deep"),
]


@pytest.mark.parametrize("spec,line,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_spec_is_one_line_before_any_file(tmp_path, spec, line, expected):
    path = tmp_path / "bad.yaml"
    path.write_text(spec)
    out = tmp_path / "out"
    result = run(["--domain-spec", path, "--rows", 100, "--output", out], cwd=tmp_path, check=False)
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1, result.stderr
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"lb-datagen: error: {path}:{line}: "), lines[0]
    assert expected in lines[0], lines[0]
    assert not out.exists()


def test_bad_parameter_value_names_the_parameter_and_field(tmp_path):
    path = tmp_path / "ok.yaml"
    path.write_text(GOOD + "  - {name: x, type: int64, zipf: {alpha: $alpha}}\nparameters: {alpha: 2}\n")
    out = tmp_path / "out"
    result = run(["--domain-spec", path, "--rows", 100, "--output", out, "--param", "alpha=abc"], cwd=tmp_path, check=False)
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1
    assert f"{path}:6: columns.x.zipf.alpha: parameter alpha is 'abc', not a number" in result.stderr
    assert not out.exists()


def test_a_bad_spec_in_the_plugins_folder_is_skipped_with_a_warning(tmp_path):
    from support import PLUGINS
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "libSpecDomains.so").symlink_to(PLUGINS / "libSpecDomains.so")
    (plugins / "good.yaml").write_text(GOOD)
    (plugins / "bad.yaml").write_text(GOOD.replace("b: 0.5", "b: 0.4"))
    (plugins / "deep.yaml").write_text("spec_version: 1\nname: deep\ncolumns: " + "[" * 100_000 + "]" * 100_000 + "\n")
    os.mkfifo(plugins / "fifo.yaml")  # nobody writes it: opening it would block the listing
    result = run(["domains", "--plugins-dir", plugins], cwd=tmp_path, timeout=60)
    assert result.stdout.startswith("small\t")
    assert f"warning: skipping spec {plugins}/bad.yaml:5: columns.kind.choice.weights: weights sum to 0.9, not 1" in result.stderr
    assert f"warning: skipping spec cannot read spec file {plugins}/fifo.yaml: not a regular file" in result.stderr
    assert f"warning: skipping spec {plugins}/deep.yaml:3: yaml: not valid YAML: lists and mappings nested more than 1000 deep" in result.stderr


def test_a_domain_name_and_a_spec_together_are_bad_input(tmp_path):
    path = tmp_path / "ok.yaml"
    path.write_text(GOOD)
    out = tmp_path / "out"
    result = run(["--domain", "iot", "--domain-spec", path, "--rows", 100, "--output", out], cwd=tmp_path, check=False)
    assert result.returncode == 2 and result.stderr.strip() == "lb-datagen: error: give a domain name or --domain-spec, not both"
    assert not out.exists()


def test_an_alias_bomb_is_one_error_in_bounded_memory(tmp_path):
    # Billion laughs: 9^12 leaves if aliases were copied out; they are shared, so the spec is read
    # (and refused: a parameter default holds lists of lists) in well under 1 GiB of address space.
    import resource
    import subprocess
    from support import BINARY, clean_env
    levels = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    levels += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 12)]
    path = tmp_path / "laughs.yaml"
    path.write_text("spec_version: 1\nname: laughs\nparameters:\n  lols:\n    default:\n"
                    + "".join(f"      {level}\n" for level in levels)
                    + "    description: *a11\ncolumns:\n  - {name: n, type: int32, constant: 1}\n")
    out = tmp_path / "out"
    limit = lambda: resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
    result = subprocess.run([str(BINARY), "--domain-spec", str(path), "--rows", "100", "--output", str(out)],
                            cwd=tmp_path, env=clean_env(), capture_output=True, text=True, preexec_fn=limit, timeout=60)
    assert result.returncode == 1, result.stderr
    assert result.stderr.strip() == f"lb-datagen: error: {path}:6: parameters.lols.default.a0: expected a single value"
    assert not out.exists()


@pytest.mark.parametrize("given,expected", [
    ("/dev/zero", "is larger than 64 MiB: not a spec file"),  # would be read without end
    ("folder", "Is a directory"),
], ids=["endless", "directory"])
def test_a_spec_path_that_is_no_spec_file_is_one_line(tmp_path, given, expected):
    path = tmp_path / given if given == "folder" else given
    if given == "folder":
        path.mkdir()
    out = tmp_path / "out"
    result = run(["--domain-spec", path, "--rows", 100, "--output", out], cwd=tmp_path, check=False, timeout=60)
    assert result.returncode == 1, result.stderr
    assert result.stderr.strip() == f"lb-datagen: error: cannot read spec file {path}: {expected}"
    assert not out.exists()
