<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="zh_CN">
<context>
    <name></name>
    <message>
        <source>出错了</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>规划评估填报</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>提示：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（未选）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  ← 数据建议</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>清空本格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>评估结论：A 进展超前、可以提前完成；B 进展良好、可以如期完成；C 进展较慢、需要加快推进；D 情况变化、难以完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>回车保存；Alt+回车 或 Shift+回车 换行</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择佐证材料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>照片、文件等，随材料包一并报送（单个不超过 50 MB，各报告共用）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>添加…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>移除所选</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在添加佐证材料……</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请选择本单位的签名证书（.p12/.pfx 或密钥文件）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>区发改委接收材料的邮箱，用于邮件草稿的收件人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印预览…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>去“检查”查看问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>签名证书、保存位置与收件人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>签名证书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存到</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>区发改委邮箱</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出时会询问证书口令；口令不会被保存。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出与报送记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当前问题：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>还有错误</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>目前还有 %1 个错误（可在“检查”一步查看）。初稿可以带着问题导出，问题会一并报送给区发改委。仍要导出吗？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请先选择本单位的签名证书。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在生成并签名材料包……</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>级别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>位置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>单位的说明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>意见</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>对所选单元格提意见…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>对整个材料包提意见…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>确认…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>退回修改…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>材料包：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;问题与已说明的警告&lt;/b&gt;（单位导出时的检查结果）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;审核意见&lt;/b&gt;（退回时随退回意见发给单位）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>只读显示单位报送的内容。右键单元格可对该单元格或整行提意见，报告各部分旁有“对此部分提意见…”。浅蓝＝已有意见，红＝错误，黄＝未说明的警告；双击右侧的问题或意见可跳到其位置。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请在上方选择一个材料包，或在报送看板中双击某单位某阶段。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存修改对照表…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>指标、任务或规划</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修改前</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修改后</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>单位：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>原版本：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新版本：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;修改前&lt;/b&gt;（所选的一处，全文）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;修改后&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>尚未收到任何材料包。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>第 %1 个</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请选择单位。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1”只有一个有效材料包，或两边选了同一个材料包：请在上方选择两个不同的材料包。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1：共 %2 处修改（红底为修改前，绿底为修改后）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>两个材料包的填报内容完全相同。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修改对照表已保存：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>该材料包未被受理，不能审核。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>退回意见</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>单位的答复</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>对退回意见的答复（%n 条）</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>栏目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>与上一版比较</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>逐项列出本材料包与该单位上一个材料包的不同之处</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>退回时</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本次</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>与退回版本相比的修改（%n 处）</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · %2 · 收到于 %3 · %4 · 错误 %5，警告 %6，已说明 %7</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>整个材料包</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>对此单元格提意见…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>对整行提意见…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请先在表格中选中一个单元格；报告的各部分请用其旁边的“对此部分提意见…”按钮。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>对“%1”的意见：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>确认</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>退回修改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>退回修改前请至少填写一条审核意见，说明需要修改什么。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1“%2”的材料包：请输入区发改委证书的口令。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法创建文件夹“%1”：%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已%1，签名的%2已写入：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>回执</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请把这个文件发给%1。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已导出并签名：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>例如：张三</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yyyy年MM月dd日</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登记签字</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>分管区领导姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>签字日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>定稿</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1审核签字（分管区领导）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>尚未登记。%1须经分管区领导审核签字后才能导出。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已登记：%1，%2 签字</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>邮件草稿：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>阶段</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>文件名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>位置/去向</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
SHA-256 校验值：%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>必填。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>评估结论为 %1 时必填。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>从以下选项中选择：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>填写数字，单位与本行“单位”一致。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>可参考右侧按“时间过半、任务过半”测算的建议结论。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 等 %2 格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>接受警告的理由</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>演示工作区：{unit}的示例任务，仅供熟悉操作，请勿填写正式材料（本单位的任务请用“文件 → 新建工作区”）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（演示）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修改会自动保存，无需手动保存。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>← 上一步</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>下一步 →</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入区发改委回执或退回意见…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印预览与打印…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>编辑</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>撤销</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>重做</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>第 %1 步，共 %2 步</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已自动保存 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>错误 %1 · 警告 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · 已说明 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在检查全部内容…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存失败：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已撤销</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已重做</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已填 %1/%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>，问题 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1（%2 项）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>错误 %1，警告 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部通过</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>检查</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>报送</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>错误</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已说明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>警告</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>错误 %1&#x3000;警告 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（另有 %1 条警告已说明理由）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&#x3000;理由：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>说明理由后接受警告</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请写明为什么数据与结论看似不符但仍然正确（将随数据一并报送）：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>说明理由并接受此警告…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>收起列表 ▾</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>展开列表 ▴</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>问题：没有需要处理的问题。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>问题：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&#x3000;点击一条即可跳到对应位置。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>答复区发改委的意见…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修改接受理由…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>时间进度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>完成进度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>历年数值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>目标 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法计算</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>在此填写本部分内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>字数：%n</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>本次导出的材料包</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用邮件发送</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>复制到U盘/共享文件夹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打开所在文件夹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用 Word/WPS 打开文档</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>详情 ▸</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“用邮件发送”会生成一封已附上材料包、收件人为区发改委的邮件草稿，并用本机的邮件程序打开，核对后发送即可。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择配合单位的材料包</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>材料包 (*.zip)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择区发改委证书（核验签名）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证书 (*.pem *.crt *.cer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>课题与材料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入配合单位材料包…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已导入“</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>”的配合研究材料：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>最近导出的材料包</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256 校验值：%1
提交编号：%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出后又修改了内容（或佐证材料、签字），这个材料包已不是最新的。请重新导出后再发送。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>材料包已过期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>这个材料包是修改之前导出的，不含之后的修改。仍要发送这个旧的材料包吗？（建议先重新导出。）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>详情 ▾</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已生成邮件草稿：%1。如邮件程序没有自动打开，请双击该文件。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在复制到“%1”……</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已复制到：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已打开 %1 个文档（放在“%2”中，仅供查看和打印；报送以材料包为准）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已粘贴 %1 格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已清空 %1 格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已向下填充 %1 格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>超出表格范围</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（可按 Ctrl+Z 一次撤销）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>；%1 格未填入：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选中白色单元格，这里显示该栏的填写要求。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>任务文本中的量化目标：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>，已填 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>上一轮（%1）填报：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>规划目标：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>目标的写法无法识别，本行数据与结论是否相符无法自动核对，请人工核实。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>定性目标，按实际进展选择结论。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>格式定义未给出本行数据的截止时点，数据与结论是否相符无法自动核对。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>完成数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>填写%1后显示完成进度和建议结论。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>非累计目标，完成进度无法按比例计算。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>余下每年需完成：%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>数据建议结论：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>余下每年需增长：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按 %1 的时间进度核对</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>红色“错误”必须改正后才能定稿报送；黄色“警告”请核实，确认无误的可在下方“问题”栏中说明理由后接受。点击一条问题即可跳到对应位置。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部检查通过，可以进入导出。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>没有错误；还有警告需要核实或说明理由。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>还有错误需要改正。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>序号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（已说明：%1）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>审核意见：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>对此部分提意见…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（未填写）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>该格不由本单位填写</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>应为 %1 之一</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>白色列由本单位填写：直接打字，回车确认并下移；结论按 A–D 键；可从 Excel/WPS 复制整块粘贴，Delete 清空，Ctrl+D 向下填充。红色待填或有误，黄色需核实。自动保存。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>搜索：输入序号、名称或任意文字</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>只看未完成/有问题的行</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>欢迎使用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>还没有打开过工作区。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新建工作区（导入分工表）…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打开已有工作区…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打开所选</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>区发改委布置的规划评估任务在这里填写、检查、签名后报送。第一次使用，请用区发改委下发的任务包（或分工表）新建本单位的工作区。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>从任务包新建工作区…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>区发改委下发了签名任务包（.zip）时用它</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打开演示（{unit}示例，仅供熟悉操作）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>演示中的任务和数据都是示例，不能作为本单位的正式材料报送。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打开工作区…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打开演示</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>退出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（找不到该工作区，可能已移动或删除）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择区发改委下发的分工表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx *.xlsm);;所有文件 (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择文件夹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新建工作区：导入分工表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>尚未选择</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择分工表…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>规划评估工作区</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>创建并打开</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>评估格式</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>分工表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存位置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在读取分工表……</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请选择或输入本单位名称。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在创建工作区……</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>输入证书口令</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请输入证书文件“%1”的口令：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>口令区分大小写，不会被保存。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>确定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>把材料包（.zip）或存放材料包的文件夹拖到本窗口的任意位置即可接收。
每个材料包都会核验签名、证书、单位名单、轮次和任务包；不合格的不予受理并留存备查。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>接收材料包…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>接收文件夹…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>监视文件夹…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%v / %m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>尚未接收材料包。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>双击已接收的材料包可打开审核</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>所选位置中没有 .zip 材料包。</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>正在接收 %n 个材料包…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>正在取消：当前这个材料包处理完后停止…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>接收中断，尚有 %n 个未接收。</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>已取消，尚有 %n 个未接收。</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>接收完成：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>停止监视</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在监视：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择签名证书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证书或密钥文件 (*.p12 *.pfx *.pvkey);;所有文件 (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择材料包</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>材料包 (*.zip);;所有文件 (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择通讯录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel 文件 (*.xlsx);;所有文件 (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>区发改委证书口令</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>审核意见</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打开文件夹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>planeval — 出错了</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择区发改委的根证书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证书 (*.pem *.crt *.cer *.der);;所有文件 (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>继续</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>使用说明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>找不到使用说明文件：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关于</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>帮助</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打开日志文件夹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>密钥与证书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入证书文件（.p12/.pfx）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>生成密钥和证书申请</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>加入签发的证书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入并保存为密钥文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证书文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证书文件的口令</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新口令（至少 8 位）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>再次输入新口令</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>生成后，把证书申请（.csr）交区发改委签发；收到证书后在“加入签发的证书”中加入。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>联系人</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>，共收到 %n 个有效版本</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>双击打开该材料包审核</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>搜索单位或联系人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>逾期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>催报…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>为未报送或逾期的单位生成催报邮件草稿（.eml）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出看板…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>刷新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>颜色：蓝＝已接收待审核，黄＝已退回修改，绿＝已确认，红字＝逾期。双击某一阶段的单元格打开该材料包。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1（截止 %2）：已收到 %3/%4，已确认 %5，逾期 %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>没有需要催报的单位：到期的阶段都已收到材料包。</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>已为 %n 个未报送或逾期的单位生成催报邮件草稿（.eml），可用邮件程序打开后发送。</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>保存位置：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>看板已导出：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>口令（至少 8 位）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>再次输入口令</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>加入证书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>密钥文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>签发的证书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已保存“%1”的密钥文件：%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已生成密钥文件：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请把证书申请交区发改委签发：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已加入证书。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>核验材料包</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请选择要核验的材料包（.zip）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请选择区发改委的根证书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>核验</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>材料包</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>信任的证书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>区</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>评估</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>生成时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>签名者</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>签名时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>包内材料：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在核验材料包……</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ 材料包无效：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>结果代码：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>签名证书：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>提交编号：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>包内全部文件：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>演示证书，仅用于演示，切勿用于正式材料。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请先选择要核验的材料包。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工具</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>核验材料包…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>密钥与证书…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印预览：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在生成文档……</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>搜索单位、联系人、电话或邮箱</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入通讯录…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>共 %1 个单位，其中 %2 个尚无邮箱（浅红），催报邮件发不到。双击联系人、电话或邮箱即可修改，修改后立即保存。</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>已从通讯录更新 %n 个单位的联系人。</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>名单中没有这些单位，已跳过：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>只看不一致的行</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>各单位的答复取自其最新阶段的有效材料包；结论或数值不同的栏目标红，文字说明只列出、不判为不一致。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>共同负责的行 %1 行，其中答复不一致 %2 行。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>没有选中的行。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未报送</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>轮次文件夹：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择区发改委下发的任务包</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>任务包 (*.zip)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择存放工作区的文件夹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在核验任务包…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在创建工作区…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>任务包核验通过，已为“{unit}”创建工作区：
{path}

区发改委证书指纹：
{fp}

请与证书领取单上印的指纹逐组核对；如不一致，请勿使用，并联系区发改委。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工作区已创建</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法创建工作区</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>答复区发改委的意见</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>区发改委的意见：
{comment}

您的答复（说明如何修改，随下一次报送一并提交）：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择区发改委的回执或退回意见</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>区发改委签名文件 (*.zip)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>区发改委已确认本单位的材料：{status}。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>区发改委退回修改，共 {n} 条意见，已列在“问题”中相应的位置。请逐条修改并答复，然后重新导出报送。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>区发改委的答复</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法导入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>见工作节点</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>标题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>作者（课题组成员）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>摘要</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>签名打包…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>在此撰写；也可附上用 Word/WPS 写好的文档</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>附件：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（无，按提纲撰写）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>附上文档…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登记审阅签字</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>还不能打包：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>内容齐全，可以签名打包。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请输入证书口令</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已生成签名材料包：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（本单位以集合称谓列为配合单位：可报送研究材料，不计逾期）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>配合单位材料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>尚未导入配合单位的研究材料（文件 → 导入配合单位材料包…）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打开材料文件夹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择用 Word/WPS 写好的文档</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>文档 (*.docx *.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择本单位的证书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证书或密钥文件 (*.p12 *.pfx *.key);;所有文件 (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证书口令</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>只看：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>截至 </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>，应报 </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> 项：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>报送情况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>接收材料包</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工作节点</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>任务名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>开始时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>完成时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>进展</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>备注：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（当前日期：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>，所在季度以橙色标出）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>绘制图表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>此安装版本不含图表组件，图表无法显示；汇总数字和生成的文件不受影响。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>重新统计</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>生成全区汇总…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全区汇总表（附件6、7格式）、主要指标调整方案（草稿）、全区汇总情况，写入所选文件夹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>生成报告汇编…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>把已确认的自评报告汇编为一个 Word 文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打开输出文件夹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>类别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>材料包状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>指标或任务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>责任单位（材料包状态）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不一致的栏目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>各单位的填报</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>双击可在“共同负责的行”中查看各单位的填报</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>评估结论分布</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>指标完成进度与时间进度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;评估结论数量&lt;/b&gt;（共同负责的行按各单位结论中最低的一档计）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在统计已确认的材料包…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>统计时出现意外错误。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本轮次共 %1 个单位，已确认材料包的 %2 个，尚未确认的 %3 个；尚无已确认填报的行 %4 行，各单位填报不一致的行 %5 行。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>合计</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>尚未确认的单位（%n 个）</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>尚无已确认填报的行（%n 行）</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>各单位填报不一致的行（%n 行）</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>已确认的填报中没有可与时间进度比较的指标（累计型目标且数值可读）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>尚未生成过文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在生成全区汇总…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>生成全区汇总时出现意外错误，没有写入不完整的文件。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在生成报告汇编…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>生成报告汇编时出现意外错误，没有写入不完整的文件。</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>已生成 %n 个文件：</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>已写入文件夹“%1”：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在取消…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已取消，没有写入文件。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未能完成：</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
