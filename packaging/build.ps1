# The Windows build: the bundle from packaging\planeval.spec, then the installer, in the
# department edition (default) or the commission edition (the roll-up's charts):
#   powershell -ExecutionPolicy Bypass -File packaging\build.ps1 [-Edition commission]
# Needs Python 3.11 (x64) from python.org and, for the installer, Inno Setup 6 (iscc on
# PATH or in its default folder). See packaging\README.md.
param([ValidateSet("department", "commission")][string]$Edition = "department")
$ErrorActionPreference = "Stop"
$name = if ($Edition -eq "commission") { "planeval-commission" } else { "planeval" }
Set-Location (Join-Path $PSScriptRoot "..")
if (-not (Test-Path .venv\Scripts\python.exe)) { py -3.11 -m venv .venv }
$py = ".venv\Scripts\python.exe"
& $py -m pip install -q -e ".[bundle]"
if ($LASTEXITCODE) { throw "pip failed" }
$version = & $py -c "import desktop; print(desktop.__version__)"
& $py packaging\make_icons.py build\icons
$env:PLANEVAL_EDITION = $Edition
& .venv\Scripts\pyinstaller.exe --noconfirm --log-level WARN --distpath dist --workpath "build\$Edition" packaging\planeval.spec
if ($LASTEXITCODE) { throw "PyInstaller failed" }
& "dist\$name-$version\planeval.exe" --version
$iscc = (Get-Command iscc -ErrorAction SilentlyContinue).Source
if (-not $iscc) { $iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
if (Test-Path $iscc) {
    & $iscc "/DAppVersion=$version" "/DEdition=$Edition" packaging\planeval.iss
    if ($LASTEXITCODE) { throw "Inno Setup failed" }
} else {
    Write-Host "Inno Setup not found: the bundle is in dist\$name-$version, no installer made"
}
