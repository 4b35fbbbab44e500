; Inno Setup script: the Windows installer for the bundle packaging\build.ps1 makes.
;   iscc /DAppVersion=0.1.0 packaging\planeval.iss   (build.ps1 runs it with the version)
; Saved as UTF-8 with a BOM: Inno Setup reads Unicode scripts only so.
; Installs for the current user without administrator rights (or for all users, if the
; user chooses and may), adds the Start-menu entry 规划评估填报, and uninstalls cleanly.
; The app keeps its data in %APPDATA%\planeval (platformdirs), never in {app}, so the
; uninstaller leaves the clerk's workspaces alone.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z packaging\planeval.iss
#endif
#define Bundle "..\dist\planeval-" + AppVersion

[Setup]
AppId={{6A0E3B52-5D1C-4C47-9C39-2B4F0C7E1A10}
AppName=规划评估填报
AppVersion={#AppVersion}
AppVerName=规划评估填报 {#AppVersion}
AppPublisher=planeval
DefaultDirName={autopf}\planeval
DefaultGroupName=规划评估填报
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist
OutputBaseFilename=planeval-{#AppVersion}-setup
SetupIconFile=..\build\icons\planeval.ico
UninstallDisplayIcon={app}\planeval-gui.exe
UninstallDisplayName=规划评估填报 (planeval)
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\规划评估填报"; Filename: "{app}\planeval-gui.exe"; Comment: "“十四五”规划评估填报与报送"
Name: "{group}\卸载 规划评估填报"; Filename: "{uninstallexe}"
Name: "{autodesktop}\规划评估填报"; Filename: "{app}\planeval-gui.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\planeval-gui.exe"; Description: "{cm:LaunchProgram,规划评估填报}"; Flags: nowait postinstall skipifsilent
