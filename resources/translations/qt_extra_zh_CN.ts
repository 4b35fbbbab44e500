<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Qt's own strings that qtbase_zh_CN (as shipped with PySide6) leaves in English, and
     its 撤消 made 撤销 as in our 编辑 menu.
     Kept by hand; compiled with pyside6-lrelease (tools/update_translations.sh). -->
<TS version="2.1" language="zh_CN">
<context>
    <name>QFileDialog</name>
    <message><source>&amp;Look in:</source><translation>查找范围(&amp;L)：</translation></message>
    <message><source>Files of &amp;type:</source><translation>文件类型(&amp;T)：</translation></message>
    <message><source>File &amp;name:</source><translation>文件名(&amp;N)：</translation></message>
    <message><source>Look in:</source><translation>查找范围：</translation></message>
    <message><source>Files of type:</source><translation>文件类型：</translation></message>
</context>
<context>
    <name>QLineEdit</name>
    <message><source>&amp;Undo</source><translation>撤销(&amp;U)</translation></message>
</context>
<context>
    <name>QWidgetTextControl</name>
    <message><source>&amp;Undo</source><translation>撤销(&amp;U)</translation></message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message><source>Folder</source><translation>文件夹</translation></message>
    <message><source>Drive</source><translation>驱动器</translation></message>
    <message><source>File</source><translation>文件</translation></message>
    <message><source>File Folder</source><translation>文件夹</translation></message>
    <message><source>Alias</source><translation>替身</translation></message>
    <message><source>Shortcut</source><translation>快捷方式</translation></message>
    <message><source>Unknown</source><translation>未知</translation></message>
</context>
<context>
    <name>QFileSystemModel</name>
    <message><source>Folder</source><translation>文件夹</translation></message>
    <message><source>Drive</source><translation>驱动器</translation></message>
    <message><source>File</source><translation>文件</translation></message>
    <message><source>Unknown</source><translation>未知</translation></message>
</context>
</TS>
