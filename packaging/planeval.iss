; Inno Setup script: the Windows installer for the bundle packaging\build.ps1 makes.
;   iscc /DAppVersion=0.1.0 [/DEdition=commission] packaging\planeval.iss
; (build.ps1 runs it with the version and the edition). The department edition's installer
; is planeval-<version>-setup.exe (Start menu 规划评估填报); the commission edition's, with
; the roll-up's charts, planeval-commission-<version>-setup.exe (规划评估（区发改委版）):
; its own AppId and folder, so neither installer overwrites or uninstalls the other.
; Saved as UTF-8 with a BOM: Inno Setup reads Unicode scripts only so.
; Installs for the current user without administrator rights (or for all users, if the
; user chooses and may), adds the Start-menu entry 规划评估填报, and uninstalls cleanly.
; The app keeps its data in %APPDATA%\planeval (platformdirs), never in {app}, so the
; uninstaller leaves the clerk's workspaces alone.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z packaging\planeval.iss
#endif
#ifndef Edition
  #define Edition "department"
#endif
#if Edition == "commission"
  #define Folder "planeval-commission"
  #define Title "规划评估（区发改委版）"
  #define Guid "{{0B7C2F4E-93A1-4D65-8E2B-7A41C9D3F520}"
#elif Edition == "department"
  #define Folder "planeval"
  #define Title "规划评估填报"
  #define Guid "{{6A0E3B52-5D1C-4C47-9C39-2B4F0C7E1A10}"
#else
  #error Edition is department or commission
#endif
#define Bundle AddBackslash("..\dist") + Folder + "-" + AppVersion

[Setup]
AppId={#Guid}
AppName={#Title}
AppVersion={#AppVersion}
AppVerName={#Title} {#AppVersion}
AppPublisher=planeval
DefaultDirName={autopf}\{#Folder}
DefaultGroupName={#Title}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist
OutputBaseFilename={#Folder}-{#AppVersion}-setup
SetupIconFile=..\build\icons\planeval.ico
UninstallDisplayIcon={app}\planeval-gui.exe
UninstallDisplayName={#Title} ({#Folder})
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
Name: "{group}\{#Title}"; Filename: "{app}\planeval-gui.exe"; Comment: "“十四五”规划评估填报与报送"
Name: "{group}\卸载 {#Title}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#Title}"; Filename: "{app}\planeval-gui.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\planeval-gui.exe"; Description: "{cm:LaunchProgram,{#Title}}"; Flags: nowait postinstall skipifsilent
